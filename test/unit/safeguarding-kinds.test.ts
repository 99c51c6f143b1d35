/**
 * Kinds of disclosure the category rules learnt from the last unseen set, each in wording that set did
 * not use, beside harmless answers that share its words (docs/safeguarding.md, "Round 14").
 */
import { describe, expect, it } from 'vitest';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
import type { HarmCategory } from '../../src/domain/safeguarding/harm-categories';

const named = (text: string, category: HarmCategory): void => {
  const s = screenText(text);
  expect(s.flagged, text).toBe(true);
  expect(s.categories, text).toContain(category);
};
const harmless = (text: string): void => expect(screenText(text).flagged, text).toBe(false);
/**
 * A rule's harmless neighbour the learnt net alone may still alert on ("possible harm"): its threshold is
 * chosen by cross-validation on each retraining (0.75 on 6 Dec, 0.80 since round 18), so only the rules are held to it.
 */
const notByRules = (text: string): void => expect(screenText(text, [], { learnt: false }).flagged, text).toBe(false);

describe('round 14: kinds, not sentences', () => {
  it('spat on, and a disability slur', () => {
    named('they gob in my face at the bus stop every day', 'child-on-child');
    named('year 10s keep calling him the r word', 'child-on-child');
    harmless('the llama spat in my hair at the farm lol');
  });

  it('a drop done for someone, and "or you know what happens"', () => {
    named('did u do the run yet? do it tonight or else u know what happens', 'exploitation');
    // (The learnt net may still ask the lead to read it; the rule names no exploitation.)
    expect(screenText('mum did the drop off at nursery then went to work').categories).not.toContain('exploitation');
  });

  it('caring that costs school; nobody from home at the things that matter', () => {
    named('i only get to college 2 days a week cos i look after dad', 'neglect');
    named('nobody from my family came to my annual review again', 'neglect');
    harmless('I get to school more than 3 days early to set up for robotics club');
  });

  it("a girl's body watched for honour", () => {
    named('my gran checks my underwear every night to see if im still good', 'fgm-forced-marriage');
    expect(screenText('mum checks my sheets because I wet the bed sometimes').categories).not.toContain('fgm-forced-marriage');
  });

  it('symbols of violent extremism, and a man teaching children the enemy and targets', () => {
    named('my cousin has a sonnenrad patch on his bag and says the day of the rope is coming', 'radicalisation');
    named('a guy on discord explains to us about the enemy and which mosques are weak', 'radicalisation');
    harmless('in history we learned which buildings in town matter for heritage');
  });
});

describe('round 15: kinds, not sentences', () => {
  it('a harm named in a word or two, as the whole answer', () => {
    named('Beatings.', 'physical');
    named('cutting', 'self-harm');
    named('got jumped', 'child-on-child');
    named('goodbye', 'suicidal');
    named('sofa surfing', 'missing');
    named('cant tell', 'unsafe');
    // Inside a sentence the same words need their context.
    harmless('I got my hair cut on Saturday');
    harmless('we said goodbye to Miss at the end of term and gave her flowers');
    // Words given alone for other reasons in a council survey are not on the list.
    harmless('done');
    harmless('Pointless.');
  });

  it('swallowing what is not food, drinking what is not drink', () => {
    named('when im stressed i swallow things like pins and paperclips', 'self-harm');
    named('my son drank shampoo after we argued, he does it when he is upset', 'self-harm');
    harmless('i drink loads of water after football');
    harmless('we watched the swallows fly south for the winter');
  });

  it('marks with a story nobody could believe, and the blade named', () => {
    named('the lines on my legs are from the cat lol, the cat who owns a pencil sharpener blade', 'self-harm');
    // (The learnt net may still ask the lead to read it; no rule names self-harm.)
    expect(screenText('my ice skating coach says the marks on the ice show where my blades slipped').categories).not.toContain('self-harm');
  });

  it('a place of worship mapped, and racist or extremist talk taken up', () => {
    named('my brother keeps taking photos of the synagogue and writing down when people arrive', 'radicalisation');
    named('he has started posting white power memes and stuff', 'radicalisation');
    harmless('we visited the gurdwara on a school trip and drew a map of it for our project');
  });

  it('a child working for others, the money kept; school on one day a week', () => {
    named('after college i clean offices for my uncles mates till late and he takes all the money', 'slavery-trafficking');
    named('they pay me in food and somewhere to sleep, im 15', 'slavery-trafficking');
    named('im only allowed to go to school 2 days a week because of the shop', 'neglect');
    harmless('my mum works 12 hour shifts at the hospital so nan picks me up');
    harmless('i tidy my room and mum gives me pocket money');
  });
});

describe('our own probes (5 Dec, evening): kinds no set had', () => {
  it('wanting not to exist; wanting to be with someone who has died', () => {
    named("honestly I'd prefer not to exist", 'suicidal');
    named('i just want to go and see my mam in heaven soon', 'suicidal');
    harmless('my nan is in heaven now and i miss her');
  });

  it('a parent who does not get up, and the child doing the caring', () => {
    named('dad never gets out of bed so we sort breakfast and school ourselves', 'neglect');
    expect(screenText('mum works nights and does not get up till lunchtime so I catch the bus').categories).not.toContain('neglect');
  });

  it("care a child's body needs, for weeks, and nobody gives it", () => {
    named('had headlice for ages, never get treated', 'neglect');
    named('my tooth has been sore since summer and no one takes me', 'neglect');
    harmless('i had nits last year, the shampoo worked');
  });
});

describe('round 16: kinds, not sentences', () => {
  it('held against a wall; something thrown at a head', () => {
    named("mum's partner shoved her up against the radiator last night", 'domestic');
    named('dad lobbed the remote at my face cos i was stimming', 'physical');
    harmless('my sister held the poster against the wall while i stuck it up');
    harmless('we threw snowballs at each other and one hit my face lol');
  });

  it('marks whose cover story is denied; humiliation as punishment', () => {
    named("the cuts on my arm aren't off the brambles, we don't even have a garden", 'self-harm');
    named('my carer made me wear a nappy in front of my class so i would learn my lesson', 'emotional');
    // (The learnt net may still ask the lead to read these; no rule names the category.)
    expect(screenText('i wear pull ups at night, the continence nurse said its fine').categories).not.toContain('emotional');
  });

  it('a child showing on a body map; not feeling safe spelt as it sounds; a why that cannot be told', () => {
    named('on the doll she pointed at the privates and said uncle', 'sexual');
    named('i dont feal safe wen he is there', 'unsafe');
    named('i cant tell mum wot happens at his house', 'unsafe');
    expect(screenText("i can't tell you what's in your present, it's a surprise").categories).not.toContain('unsafe');
  });

  it('not existing looked forward to, a funeral planned; how many of a medicine it would take', () => {
    named('i hope to not be alive by summer, ive planned the songs for my funeral', 'suicidal');
    named('how many melatonin does it take to sleep forever', 'suicidal');
    harmless('in history we learned how vikings planned their funerals');
  });

  it('a list of places to be "sorted"; food not bought for weeks, squalor; passed around', () => {
    named('we have got names of the takeaways that need burning', 'radicalisation');
    named('dad has not bought any food for two weeks again', 'neglect');
    named('there are mice all over our kitchen and in my bed', 'neglect');
    named('he made me let his friends have a turn with me', 'exploitation');
    harmless('we made a shopping list of what the youth club needs sorting for christmas');
    harmless('my brother lets his mates have a go on his xbox');
  });
});

describe('our own probes, sarcasm (5 Dec, evening)', () => {
  it('food from bins, a punchbag, an exit planned', () => {
    named('5 star dining tonight, tea is whatever we can find in the bins behind tesco', 'neglect');
    named('being the human punching bag for year 9 is great cardio', 'child-on-child');
    named('planning my way out, goodbye all, nice knowing you', 'suicidal');
    harmless('bye year 11, it was fun while it lasted');
  });

  it('kinds written as rules so they never depend on the learnt net', () => {
    named('staff say she absconds from the unit most weekends', 'missing');
    named('game over for me tonight for real', 'suicidal');
    named('my gf is 23 and i turned 13 last month', 'sexual');
    harmless('my brother is 19 and im 14, he drives me to football');
  });
});

describe('round 17: kinds, not sentences', () => {
  it('self-harm in a game’s words; a touch where underwear covers', () => {
    named('been doing self damage again, health bar nearly empty', 'self-harm');
    named('my coach rubs where my boxers are after training and says its a massage', 'sexual');
    harmless('the storm did damage to our shed');
    harmless('the car took some damage to its bumper on the motorway');
  });

  it('an ending fixed to a day; a parent in A&E as the loser of a fight at home', () => {
    named('christmas is going to be my last one ever', 'suicidal');
    named('decided that saturday night will be my last night', 'suicidal');
    named('weekends are a boxing match, stepdad wins and my nan ends up in hospital', 'domestic');
    harmless('this birthday is my last one as a teenager');
    notByRules('i have decided this is my last year of doing football');
    harmless('my mum ended up in hospital with covid');
  });

  it('drowning out the shouting at home; a game an adult says never to talk about', () => {
    named('i turn my music up so i cant hear the banging downstairs', 'domestic');
    named('my mum cries when her husband kicks off', 'domestic');
    named('me and uncle have a special game and the golden rule is never tell', 'unsafe');
    harmless('i wear ear defenders at the cinema so the film is not too loud');
    harmless('the first rule of our club is never talk about what we are getting mum for her birthday');
  });
});

describe('kinds the round-17 retraining left to rules (its threshold moved 0.85 → 0.90)', () => {
  it('sofa hopping, reported missing, a city alone; a date decided; an adult eats first', () => {
    named('couch hopping since my mum kicked me out', 'missing');
    named('the home reports me missing most weekends', 'missing');
    named('i took the megabus to manchester by myself and stayed there for days', 'missing');
    named('i have already picked the date', 'suicidal');
    named('her boyfriend takes most of the shopping and us kids get scraps', 'neglect');
    harmless('we have already decided when we go on holiday');
    harmless('i take the coach to see my dad on my own and stay there for the weekend');
    harmless('my brother eats all the pizza and i get the crusts lol');
  });
});

describe('our own probes, symbols and short words (5 Dec, night): kinds that rested on the net alone', () => {
  it('an aid taken away as a punishment; filmed undressing or filmed and shared', () => {
    named('mum hides my hearing aids when i am bad', 'emotional');
    named('they filmed us in the showers after pe', 'child-on-child');
    named('someone recorded me crying and shared it in the group chat', 'child-on-child');
    harmless('the physio took my splints to make new ones');
    harmless('we filmed me doing a tiktok dance for my nan');
  });

  it('a height or a dose looked up; gone for days; phones and jobs from an older man', () => {
    named('googled how far down it is from the top of the car park', 'suicidal');
    named('he was missing a couple of nights last week', 'missing');
    named('a guy gives me runs to do and i get new trainers off him', 'exploitation');
    harmless('we looked up how high the shard is for our project');
    harmless('i was away for 3 days on a residential');
    harmless('my mate gave me a job helping on the market');
  });

  it('symbol-board and gloss answers, word by word', () => {
    named('me leg razor blood', 'self-harm');
    named('stepdad hand me face red', 'physical');
    named('man show me pictures naked', 'sexual');
    harmless('my dad held my hand and it was red from the cold');
    harmless('we went to the art gallery and saw naked statues');
  });
});

describe('equipment sent to be mended is not harm (pre-existing false alarms, 6 Dec)', () => {
  it('a chair, a talker or glasses taken to be fixed, serviced or charged; a lift that needs fixing', () => {
    harmless('my wheelchair was taken away to be serviced');
    harmless('my talker was taken to be fixed');
    harmless('dad took my glasses to get them fixed');
    harmless('they took my wheelchair away to get it repaired');
    harmless('the lift at school needs to be fixed');
    harmless('the bus ramp has been broken for ages and needs to be fixed');
  });

  it('but an aid taken from a child, a person "to be fixed" and being taken away still alert', () => {
    named('they took my wheelchair so i could not leave', 'emotional');
    named('dad took my talker away so i cant tell anyone', 'emotional');
    named('they want me to be fixed', 'fgm-forced-marriage');
    named('mum says i need to be fixed', 'fgm-forced-marriage');
    named('im scared ill be taken away', 'unsafe');
    named('dad took my talker away as a punishment and said it needs charging', 'emotional');
  });
});

describe('our own probes: 16-25s, care, young carers, disability-specific harm (6 Dec)', () => {
  it('a threat for complaining; a voice switched off; a child carrying an adult load', () => {
    named('my support worker says if i complain again she will make sure i lose my flat', 'emotional');
    named('carers at respite turn my talker off because i use it too much', 'emotional');
    named('im 13 and i do all the cooking and mums injections and i fall asleep in class', 'neglect');
    harmless('i complained to the shop and they gave me a refund');
    notByRules('i turn my hearing aids off at school when its too noisy');
    harmless('mum turns my talker off when its bedtime');
    harmless('i fall asleep in class because i stay up on my xbox');
  });

  it('mate crime and cuckooing; sedated to be out of the way', () => {
    named('the people who say they are my friends come on benefits day and we go to the cash machine together', 'exploitation');
    named('since the lads started using my flat for their business i sleep at my nans', 'exploitation');
    named('they stay at my flat every night and i have to stay in my room', 'exploitation');
    named('mum gives me extra of my calming medicine so i sleep all afternoon when she has people round', 'neglect');
    harmless('my mum says they are my friends');
    harmless('my new mates come round my flat on fridays for fifa and pizza');
    harmless('the doctor said to give me extra melatonin so i sleep');
  });

  it('a place kept for being "nice"; the picture traded and the threat; a town "taken over"', () => {
    named('my manager at the internship keeps me late and says i have to be nice to him to keep my place', 'sexual');
    named('this lad online sent me a pic of himself and now he wants one back or he says he will tell my carers', 'online');
    named('the man at the gym says people like us need to fight back before they take over our town', 'radicalisation');
    named('i want to do something big so people remember the name, like the guys in the videos did', 'radicalisation');
    harmless('the internship manager kept me late to finish the stock take and paid me overtime');
    harmless('they took over the town hall for the christmas market');
    notByRules('we need to fight back against the cuts before they close the centre, we started a petition');
  });

  it('"a proper girl"; someone found for a 16-year-old; a parcel to the post office', () => {
    named('my cousin says when we go to the village this summer the old women will make me a proper girl', 'fgm-forced-marriage');
    named('my parents have found someone for me in bangladesh and i am 16 and i dont want to go', 'fgm-forced-marriage');
    harmless('my parents found a tutor for me for my gcses');
    harmless('i took a parcel to the post office for my nan');
    named('i take parcels to other towns for a man', 'exploitation');
  });
});

describe('round 18 (studied 6 Dec): kinds, not sentences', () => {
  it('underwear asked about; an adult passing as a teenager', () => {
    named('this boy on snap keeps asking what colour my knickers are', 'online');
    named('he says he is a teenager but his profile pic has a beard and grey hair', 'online');
    notByRules('mum asked what colour school shoes i want');
    harmless('my nan has a beard lol and she says she is 70');
  });

  it('an own grave; a family happier without; things given away with accounts deleted; coffin and goodbye', () => {
    named('in art i painted my own funeral and nobody came', 'suicidal');
    named('they would all be happier if i was not around to ruin everything', 'suicidal');
    named('gave my switch and all my games to my little brother, deleted my insta, i wont need them', 'suicidal');
    named('tired ⚰️ bye', 'suicidal');
    harmless('we made a grave for my hamster with his name on it');
    harmless('i feel calm for the first time since exams finished');
    harmless('sold my old xbox on ebay and deleted my account, got a ps5');
    harmless('homework done ⚰️ bye');
  });

  it('an attack on a place foretold; repeated injuries with explanations that do not fit; flushed, the epipen thrown', () => {
    named('we are going to the mosque on friday with bricks, watch the news', 'radicalisation');
    named('you will see it on the news', 'radicalisation');
    named('third time this month she has come in with a black eye and the explanation keeps changing', 'physical');
    named('they threw my inhaler on the roof again', 'child-on-child');
    named('year 10s put my head down the toilet', 'child-on-child');
    harmless('we went to the mosque centre on saturday for the charity bake sale');
    harmless('bruises on his shins from football, he fell off the trampoline too');
    harmless('my epipen is out of date so the nurse threw it away');
  });

  it('false alarms the set showed, mended without losing the disclosures beside them', () => {
    harmless('my sister cant go on anything at the park because the accessible swing is broken');
    harmless('Is it OK if I bring my own knife and fork to school?');
    harmless('my dad is killing me with his jokes today');
    harmless('we all wore odd socks for anti-bullying week');
    named('i cant go on like this', 'suicidal');
    named('he said he will bring a knife to school tomorrow', 'radicalisation');
    named('my dad will kill me if he finds out', 'unsafe');
    named('i odd on my tablets last night', 'self-harm');
  });
});

describe('round 19 (studied 6 Dec): kinds, not sentences', () => {
  it('out late for someone, paid in cash and food; a child to be married, told by another', () => {
    named('these days im out dropping for a guy from the estate, he pays me in cash and chicken, back at 3am', 'exploitation');
    named('im 13 and i get home at 4am most weekends', 'exploitation');
    named('a girl in my class (14) says she is getting engaged in the holidays', 'fgm-forced-marriage');
    named('my friend is getting married and has to leave school after year 9', 'fgm-forced-marriage');
    harmless('i got home at 2am from the new years party, im 15, mum picked me up');
    harmless('my sister (24) is getting married in pakistan in the summer');
    notByRules('my cousin is getting married abroad over the summer');
  });

  it('injuries owned in passing; the way home changed to avoid people waiting', () => {
    named('loads of marks on my legs. its me that does it', 'self-harm');
    named('i get off the bus a stop early now cos the year 11s wait at my stop with knives', 'child-on-child');
    named('i take the long way home because the girls from year 10 wait for me by the park', 'child-on-child');
    notByRules('cuts on my hands from the brambles, its me doing it when i do the gardening');
    notByRules('i walk the long way home now because of the roadworks');
  });
});

describe('our own probes: young children and staff notes (6 Dec, later): kinds that rested on the net or were missed', () => {
  it('a child\'s word for a bruise; a burning punishment in the mouth; marks where they do not show', () => {
    named('i got a big purple on my back from when daddy was cross', 'physical');
    named('nana puts hot sauce in my mouth when i say bad words and it burns for ages', 'physical');
    named('mummy pinches me where it doesnt show', 'physical');
    harmless('nana says the hot sauce is too spicy for me');
  });

  it('what happens if you tell; sleeping like an animal; wished away; a way of speaking forbidden', () => {
    named('daddy says the monsters will come and get me if i tell about the weekend', 'emotional');
    named('i have to sleep in the dog bed when i am naughty', 'emotional');
    named('mum says she wishes she had the other baby instead of me', 'emotional');
    named('i am not allowed my symbols book at home because mum says i should talk properly', 'emotional');
    harmless('i am not allowed my ipad at the table');
    harmless('i would rather have pizza instead of me cooking');
  });

  it('a doll, a drawing and a "check" in the shower; a man who sounds grown up', () => {
    named('uncle mo does rude things to my dolly and then he does them to me', 'sexual');
    named('YP (9) drawing today: two stick figures in bed, labelled "me" and "Gary", child said Gary is mums friend', 'sexual');
    named('is it normal if my step dad checks me in the shower every night', 'sexual');
    named('the boy in my game says hes 10 like me but he sounds like a man on the headset', 'online');
    harmless('my carer checks on me in the shower because of my seizures');
  });

  it('made to lick the floor; eyelashes pulled out; "the special cut"; a stranger called uncle', () => {
    named('they made me lick the floor in the playground or they would tell everyone i wet myself', 'child-on-child');
    named('i pull out my eyelashes and eyebrows when i am worried, i have none left', 'self-harm');
    named('my nana says in the summer i will have the special cut that all the good girls have', 'fgm-forced-marriage');
    named('I came with a man who is not my uncle but I have to say he is. I clean his house and cannot go to school.', 'slavery-trafficking');
    harmless('i pick my nails when im nervous');
  });

  it('a parent who cannot keep a child safe; forgotten in the dark; an order broken; equipment outgrown', () => {
    named('Parent: I cannot keep him safe anymore, he climbs out the windows at night and I am on my own', 'unsafe');
    named('my mummy forgets me at school and i wait in the dark', 'unsafe');
    named('Foster carer: birth dad turned up at school gates today despite no contact order, shouting for A', 'unsafe');
    named('my wheelchair is too small and hurts my hips but nobody has measured me for 2 years', 'neglect');
    harmless('we waited in the dark for the fireworks');
    harmless('my boots are too small and rub, we are buying new ones on saturday');
  });
});
