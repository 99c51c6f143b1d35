/**
 * What the screen looks for, by category of harm (docs/safeguarding.md). Written from the statutory
 * categories (Keeping Children Safe in Education; Working Together to Safeguard Children) and from how
 * young people write: about themselves or someone else, in any tense, in fragments and hints. Words are
 * matched by lemma and stem, so one base form covers its endings; spelling and text-speak are dealt
 * with before matching (text.ts). Pattern syntax: engine.ts.
 *
 * The rule of thumb: a harm word with a person near it alerts; a word that is only harmful in some
 * contexts (hit, cut, scared, run away, married, work) needs that context. When in doubt, alert.
 */
import type { HarmCategory } from '../safeguarding';
import type { Rule } from './engine';

export const CLASSES: Record<string, readonly string[]> = {
  /** People who may harm or be harmed, other than the writer. */
  person: [
    'he', 'she', 'they', 'him', 'her', 'them', 'man', 'men', 'woman', 'women', 'guy', 'guys', 'lad', 'lads', 'boy', 'boys', 'girl', 'girls',
    'kid', 'kids', 'someone', 'somebody', 'person', 'people', 'mum', 'dad', 'mother', 'father', 'parent', 'carer', 'foster', 'step', 'nan',
    'grandad', 'grandparent', 'grandfather', 'grandmother', 'uncle', 'aunt', 'cousin', 'brother', 'sister', 'boyfriend', 'girlfriend',
    'partner', 'husband', 'wife', 'ex', 'teacher', 'coach', 'driver', 'escort', 'staff', 'worker', 'neighbour', 'babysitter', 'lodger',
    'friend', 'mate', 'family', 'relative', 'stranger', 'adult', 'gang', 'everyone', 'bully', 'student', 'pupil', 'classmate', 'child',
    'son', 'daughter', 'baby', 'sibling', 'assistant', 'helper', 'leader', 'volunteer', 'nurse', 'doctor', 'officer', 'owner', 'boss',
    'landlord', 'member', 'priest', 'imam', 'pastor', 'tutor', 'instructor', 'manager', 'keyworker', 'support', 'ta', 'year', 'older'
  ],
  /** Whom harm is done to: the writer or another person. */
  victim: ['me', 'us', 'him', 'her', 'them', 'mum', 'dad', 'brother', 'sister', 'nan', 'baby', 'child', 'kid', 'son', 'daughter', 'friend', 'cousin', 'each', 'everyone', 'someone', 'boy', 'girl', 'mother'],
  family: [
    'mum', 'dad', 'mother', 'father', 'parent', 'step', 'nan', 'grandad', 'grandparent', 'brother', 'sister', 'cousin', 'aunt', 'uncle',
    'carer', 'foster', 'boyfriend', 'girlfriend', 'partner', 'husband', 'wife', 'family', 'ex', 'home', 'house', 'lodger', 'sibling'
  ],
  hit: [
    'hit', 'punch', 'kick', 'slap', 'smack', 'beat', 'batter', 'strangle', 'choke', 'throttle', 'shove', 'push', 'throw', 'chuck', 'drag',
    'grab', 'pinch', 'bite', 'burn', 'scald', 'whip', 'belt', 'stamp', 'headbutt', 'thump', 'whack', 'wallop', 'spank', 'attack', 'assault',
    'shake', 'squeeze', 'twist', 'bash', 'lamp', 'deck', 'clout', 'knock', 'strike', 'boot', 'hurt', 'harm', 'injure', 'elbow', 'spit',
    'stab', 'slam', 'smash', 'trip', 'jump', 'bang', 'hold', 'pin', 'tie', 'drown', 'suffocate', 'smother', 'scratch', 'pull', 'yank',
    'beaten', 'hitting', 'struck', 'threw', 'thrown', 'held', 'bit', 'burnt', 'kill', 'murder', 'torture', 'abuse', 'rough', 'violent'
  ],
  /** Blows with no harmless reading when a person is near. */
  blow: [
    'punch', 'kick', 'slap', 'smack', 'beat', 'batter', 'strangle', 'choke', 'throttle', 'whip', 'headbutt', 'thump', 'whack', 'wallop',
    'spank', 'assault', 'bash', 'stab', 'beaten', 'battered', 'abuse', 'hurt', 'attack', 'strangled', 'choked', 'drown', 'suffocate',
    'smother', 'torture', 'burn', 'scald', 'shove', 'drag', 'violent', 'violence'
  ],
  injury: ['bruise', 'mark', 'welt', 'scar', 'bleed', 'blood', 'lump', 'swollen', 'fracture', 'broken', 'burn', 'sore', 'cut', 'graze', 'eye', 'injury', 'hospital'],
  weapon: ['belt', 'stick', 'knife', 'slipper', 'spoon', 'cable', 'wire', 'lighter', 'iron', 'shoe', 'hanger', 'cane', 'bat', 'hammer', 'fist', 'lead', 'strap', 'cigarette'],
  sport: ['ball', 'goal', 'football', 'puck', 'shuttlecock', 'target', 'drum', 'button', 'pinata', 'bag', 'pad', 'pads', 'mitt', 'net', 'wall', 'shot', 'boxing', 'sparring', 'rugby', 'match', 'game', 'tackle', 'karate', 'judo', 'wasp', 'dodgeball', 'bowling'],
  insult: [
    'stupid', 'thick', 'useless', 'worthless', 'fat', 'ugly', 'retard', 'retarded', 'idiot', 'dumb', 'freak', 'pathetic', 'mistake', 'waste',
    'burden', 'mental', 'psycho', 'weirdo', 'spastic', 'spaz', 'loser', 'disgusting', 'evil', 'bad', 'nothing', 'rubbish', 'failure', 'slag',
    'slut', 'whore', 'bitch', 'names', 'name', 'embarrassment', 'disgrace', 'pig', 'monster', 'animal', 'lazy', 'devil', 'cursed', 'possessed', 'nobody', 'shit', 'crap'
  ],
  body: ['arm', 'arms', 'wrist', 'leg', 'legs', 'thigh', 'skin', 'stomach', 'belly', 'hip', 'body', 'chest', 'tummy', 'ankle', 'shoulder', 'face', 'neck', 'head', 'back', 'hand', 'finger'],
  private: [
    'private', 'privates', 'willy', 'penis', 'vagina', 'fanny', 'boob', 'boobs', 'breast', 'bum', 'bottom', 'chest', 'crotch', 'pants', 'knickers',
    'underwear', 'bra', 'naked', 'nude', 'undressed', 'clothes', 'thigh', 'lap', 'between', 'down', 'skirt', 'trousers', 'shorts', 'dick', 'cock', 'pussy', 'tits', 'groin'
  ],
  online: [
    'online', 'internet', 'snapchat', 'instagram', 'tiktok', 'discord', 'roblox', 'fortnite', 'minecraft', 'xbox', 'playstation', 'whatsapp',
    'facebook', 'messenger', 'telegram', 'omegle', 'twitch', 'youtube', 'app', 'chat', 'message', 'dm', 'game', 'gaming', 'headset', 'webcam',
    'camera', 'video', 'call', 'facetime', 'phone', 'text', 'account', 'profile', 'server', 'group', 'website', 'kik', 'wink', 'yubo', 'live', 'stream'
  ],
  image: ['picture', 'photo', 'image', 'video', 'nude', 'selfie', 'vid', 'snap', 'pic', 'nudes', 'film', 'clip', 'recording', 'screenshot'],
  drug: ['drug', 'drugs', 'weed', 'cocaine', 'coke', 'crack', 'heroin', 'spice', 'ket', 'ketamine', 'pill', 'pills', 'mdma', 'ecstasy', 'gear', 'stuff', 'package', 'parcel', 'food', 'skunk', 'cannabis', 'white', 'brown', 'bag', 'bags', 'wrap', 'wraps', 'baggie', 'baggies'],
  reward: ['money', 'cash', 'trainers', 'phone', 'clothes', 'gift', 'present', 'weed', 'vodka', 'alcohol', 'drink', 'drinks', 'fags', 'cigarettes', 'vape', 'vapes', 'lift', 'lifts', 'food', 'nails', 'robux', 'vbucks', 'credit', 'jewellery', 'trainer', 'stuff', 'drugs', 'car', 'rides', 'takeaway'],
  fear: ['scared', 'scare', 'afraid', 'frightened', 'terrified', 'petrified', 'fear', 'unsafe', 'worried', 'nervous', 'panic', 'dread', 'shaking', 'shake', 'trembling', 'hiding', 'hide'],
  tell: ['tell', 'told', 'say', 'said', 'talk', 'speak', 'report', 'grass', 'snitch', 'snake', 'mention', 'show'],
  silence: ['secret', 'secrets', 'promise', 'swear', 'trouble', 'believe', 'believed', 'lie', 'liar', 'lying'],
  gone: ['gone', 'dead', 'here', 'alive', 'around', 'born', 'exist', 'existing', 'living', 'awake', 'wake'],
  work: ['work', 'job', 'clean', 'cook', 'serve', 'labour', 'graft', 'shift', 'shifts', 'wash', 'farm', 'factory', 'kitchen', 'restaurant', 'takeaway', 'nail', 'salon', 'shop', 'site', 'warehouse', 'field'],
  papers: ['passport', 'id', 'document', 'documents', 'papers', 'visa', 'card', 'wages', 'money', 'phone', 'pay', 'earnings'],
  extreme: [
    'extremist', 'extremism', 'radical', 'radicalised', 'radicalized', 'terrorist', 'terrorism', 'jihad', 'jihadi', 'isis', 'daesh', 'nazi',
    'nazis', 'fascist', 'supremacy', 'supremacist', 'kuffar', 'kafir', 'infidel', 'infidels', 'martyr', 'martyrdom', 'caliphate', 'swastika',
    'hitler', 'incel', 'incels', 'foid', 'foids', 'blackpill', 'mujahid', 'crusader', 'crusade', 'holy', 'racewar', 'edl', 'aryan', 'reich', 'kkk', 'taliban', 'qaeda'
  ],
  group: [
    'muslims', 'muslim', 'jews', 'jew', 'jewish', 'immigrants', 'immigrant', 'foreigners', 'black', 'white', 'asians', 'asian', 'gays', 'gay',
    'trans', 'women', 'girls', 'christians', 'christian', 'migrants', 'refugees', 'pakis', 'polish', 'english', 'british', 'kuffar', 'non',
    'believers', 'unbelievers', 'race', 'religion', 'country', 'people', 'blacks', 'whites', 'them', 'hindus', 'sikhs', 'lgbt', 'feminists'
  ],
  learn: ['learn', 'learnt', 'learned', 'lesson', 'history', 'teach', 'taught', 'assembly', 'talk', 'film', 'documentary', 'museum', 'book', 'project', 'topic', 'pshe', 'rse', 'workshop', 'awareness', 'poster', 'game', 'movie', 'quiz', 'class', 'course', 'about', 'week', 'day', 'training', 'visit', 'play'],
  marry: ['marry', 'married', 'marriage', 'wedding', 'husband', 'wife', 'engaged', 'engagement', 'bride', 'groom', 'nikah', 'spouse', 'betrothed', 'promised'],
  force: ['make', 'made', 'force', 'forced', 'have', 'got', 'must', 'want', 'wants', 'arrange', 'arranged', 'choose', 'chose', 'chosen', 'pick', 'picked', 'find', 'found', 'promise', 'promised', 'tell', 'told', 'say', 'said', 'plan', 'planning', 'send', 'sending', 'take', 'taking'],
  abroad: ['abroad', 'holiday', 'overseas', 'back', 'country', 'pakistan', 'india', 'bangladesh', 'somalia', 'nigeria', 'egypt', 'sudan', 'yemen', 'iraq', 'afghanistan', 'gambia', 'ethiopia', 'eritrea', 'kenya', 'turkey', 'syria', 'morocco', 'sierra', 'guinea', 'mali', 'kurdistan', 'village', 'aunt', 'grandparent', 'nan'],
  sleepout: ['park', 'street', 'streets', 'outside', 'car', 'station', 'bench', 'stairwell', 'stairs', 'garage', 'shed', 'tent', 'doorway', 'bus', 'train', 'flat', 'flats', 'squat', 'hostel', 'woods', 'beach', 'underpass', 'bridge', 'canal', 'field', 'anywhere', 'somewhere', 'random', 'different', 'friend', 'mate', 'mates', 'people', 'older', 'boyfriend', 'girlfriend', 'sofa', 'floor'],
  away: ['night', 'nights', 'week', 'weeks', 'day', 'days', 'again', 'often', 'most', 'every', 'always', 'instead', 'because', 'now', 'lot', 'times', 'anymore', 'month', 'months', 'weekend', 'weekends'],
  home: ['home', 'house', 'placement', 'care', 'foster', 'respite', 'unit', 'hostel', 'school', 'flat', 'mum', 'dad', 'family', 'carer', 'parent', 'children'],
  neglectNeed: ['food', 'eat', 'eating', 'meal', 'meals', 'dinner', 'tea', 'breakfast', 'lunch', 'heating', 'heat', 'electric', 'electricity', 'water', 'bed', 'blanket', 'clothes', 'coat', 'shoes', 'uniform', 'medicine', 'medication', 'tablets', 'inhaler', 'dentist', 'doctor', 'appointment', 'appointments', 'glasses', 'aids', 'wheelchair', 'bath', 'shower', 'wash', 'washing', 'nappy', 'pad', 'pads', 'money', 'milk', 'toothbrush', 'hospital', 'operation', 'help', 'talker', 'device', 'splints'],
  alone: ['alone', 'own', 'myself', 'ourselves', 'themselves', 'himself', 'herself', 'nobody', 'noone', 'unattended'],
  selfObj: ['myself', 'himself', 'herself', 'themselves', 'yourself', 'ourselves', 'self']
};

type R = Rule<HarmCategory>;

export const RULES: readonly R[] = [
  // ---------- physical abuse ----------
  {
    category: 'physical',
    patterns: [
      '@hit ~2 me|us',
      '@blow ~3 @victim',
      '@hit ~1 my|his|her|their ~2 @victim',
      '@person ~3 @blow',
      '@person ~1 @hit ~3 @weapon',
      '@hit ~4 with ~2 @weapon',
      'get|got|gets|getting|be|been|was|were|is|being ~2 @blow',
      'get|got|gets|been|was|were ~1 hit|hurt|burnt|burned|thrown|pushed|kicked|punched|slapped|smacked|grabbed|pinched|bitten|whipped|beaten|strangled|choked',
      '@injury ~8 @person ~3 do|did|does|done|gave|give|made|make|cause|caused',
      '@person ~5 gave|give|gives|left|leave|leaves|caused ~3 @injury',
      '@injury ~6 from|because|after ~3 @person|him|her|them',
      'say|said|tell|told|says ~3 i|he|she|we ~1 fell|fall|walked|tripped|slipped',
      'hide|cover|hid|covered|hiding ~3 @injury',
      'long sleeves',
      'hold|held|holds|holding ~2 me|him|her|my ~3 under|down|against',
      'hand|head|arm|face ~3 on|in|under|against ~2 cooker|hob|fire|water|wall|bath|oven|radiator|kettle|iron',
      'lock|locks|locked|locking ~2 me|him|her|us|them ~2 in|out',
      'tie|tied|ties ~2 me|him|her|up',
      'hit|smack|slap|kick|punch|beat|hurt ~2 me|him|her|us ~4 when|if|because|for',
      'shake|shook|shakes|shaking ~2 me|him|her|the baby',
      'rough|violent|physical ~2 with ~2 me|him|her|us',
      'bruise|bruised|bruises|marks|welts ~4 my|his|her ~3 @body',
      'black eye|fat lip|split lip|bust lip|bloody nose|nose bleed',
      'belt ~3 out|off',
      'get|got|gets|take|took|takes|use|used|uses ~2 the ~1 belt|stick|slipper|cane|strap|wooden'
    ],
    unless: []
  },
  // ---------- emotional abuse ----------
  {
    category: 'emotional',
    patterns: [
      'call|calls|called|calling ~3 me|him|her|us|them ~3 @insult',
      'say|says|said|tell|tells|told|saying|telling ~4 i|im|he|she|they|am|is|are|was|were ~3 @insult',
      'say|says|said|tell|tells|told ~3 me|him|her ~3 @insult',
      'wish|wishes|wished ~3 i|he|she|you ~2 never|not|dead|born',
      'never ~2 want|wanted ~2 me|him|her',
      'not|nobody|noone ~3 want|wants|wanted|love|loves|loved|care|cares|cared ~1 me|him|her|about',
      'hate|hates|hated ~1 me|him|her|us',
      'ignore|ignores|ignored|ignoring ~2 me|him|her|us',
      'not ~2 talk|talks|speak|speaks|spoken ~2 to ~1 me|him|her ~4 day|days|week|weeks|punishment|punish',
      'treat|treats|treated ~2 me|him|her|us ~2 like',
      'send|sends|sent|put|give ~2 me|him|her ~2 away|care|home|back',
      'leave|left ~2 me|him|her ~3 hospital|somewhere|there|behind|never|streets|forever',
      'threaten|threatens|threatened|threatening ~3 me|him|her|us|to',
      'scream|screams|screamed|screaming|shout|shouts|shouted|shouting|yell|yells|yelled|swear|swears ~3 me|him|her|us ~6 every|all|always|hours|constantly|face|day|night',
      'always|constantly|keeps|every ~3 scream|screaming|shout|shouting|yell|yelling|swear|swearing|criticise|putting',
      'make|makes|made ~2 me|him|her ~3 feel ~2 @insult|small|worthless|nothing|bad|scared|stupid|rubbish|ugly|fat',
      'not ~1 allowed|let ~3 eat|food|friends|out|talk|speak|see|phone|play|toilet|leave|room|drink|sleep',
      'rip|ripped|rips|smash|smashed|break|broke|destroy|destroyed|bin|binned|burn|burnt|throw|threw ~3 my|his|her ~2 drawings|things|stuff|toys|phone|work|tablet|talker|ipad|book|pictures',
      'hide|hides|hid|take|takes|took ~2 my|his|her ~1 talker|device|ipad|tablet|aac|hearing|wheelchair|glasses|communication',
      'laugh|laughs|laughed|laughing|mock|mocks|mocked|mocking ~3 me|him|her|at ~5 disability|autism|autistic|talk|speech|stammer|fits|wheelchair|try|cry',
      'devil|demon|evil|spirit ~3 inside|in ~2 me|him|her',
      'drown|drowned|kill|killed|hurt|hurts|kick|kicked ~3 my|his|her ~1 pet|dog|cat|kitten|puppy|rabbit|hamster',
      'stand|stood|kneel|sit ~3 corner|hours|all night|outside',
      'reason|fault|blame|blames|blamed ~4 mum|dad|left|died|divorce|ill|sad',
      'walk|walking ~1 on ~1 eggshells',
      'punish|punishes|punished|punishment ~6 me|him|her|by|for',
      'control|controls|controlling ~3 me|my|everything',
      'put|puts ~1 me|him|her ~1 down',
      'never ~3 good enough'
    ],
    unless: []
  },
  // ---------- sexual abuse ----------
  {
    category: 'sexual',
    patterns: [
      'touch|touches|touched|touching|feel|felt|grope|groped|rub|rubs|rubbed|fiddle|grab|grabs|grabbed|kiss|kissed|kisses|lick ~4 @private',
      'touch|touches|touched|touching|grope|groped|fondle|fondled|molest* ~2 me|him|her|us',
      'make|makes|made|want|wants|wanted|ask|asks|asked|tell|told|force|forced ~3 me|him|her ~3 touch|suck|watch|undress|strip|kiss|take|lie|lay|sit|show',
      'show|shows|showed|shown|watch|watched ~4 porn|rude|dirty|naked|sex|adult|willy|videos ~2 of ~1 people',
      'porn|porno|pornography|sex|sexual|sexually|rape|raped|raping|molest*|pervert|paedo|paedophile|nonce|incest|assault* ~0',
      'come|comes|came|get|gets|got|climb|climbs ~3 into|in ~2 my|his|her ~1 bed|room|bath|shower',
      'sleep|sleeps|slept|lie|lies|lay ~2 in ~1 my ~1 bed',
      'our|special|little ~1 secret|game',
      'special|secret ~1 game|games|cuddles|cuddle',
      'take|takes|took ~2 my|his|her ~1 clothes|pants|knickers|trousers|top ~1 off',
      'do|did|does|done ~3 stuff|things ~3 to ~1 me|him|her ~6 not|didnt|want|like|hurt|secret|tell|bed|night',
      'private|privates ~2 part|parts|area|bits',
      'down there',
      'in the shower|bath ~4 with ~2 me|him|her',
      'uncomfortable ~4 touch|touches|touched|kiss|cuddle|bed|bath|shower|changing|wash|washes|intimate',
      'intimate|personal ~1 care ~6 hurt|rough|touch|touches|uncomfortable|not|longer|door|secret|laugh|funny',
      'sit|sits|sat ~2 on ~1 his|her ~1 lap',
      'pregnant',
      'weird|funny|strange|creepy|dirty ~4 touch|touches|touched|way|things|stuff ~3 me|him|her|when|at night',
      'creep|creepy ~3 @person|he|him|man',
      'lift|lifts|lifted|pull|pulls|pulled ~2 my|her|his ~1 skirt|top|dress|trousers|pants|shorts'
    ],
    unless: []
  },
  // ---------- neglect ----------
  {
    category: 'neglect',
    patterns: [
      'no|never|not|nothing|without ~3 @neglectNeed',
      'hungry|starving|starve|hunger|hungary',
      'only ~2 eat|meal|food ~4 school|club|break|nursery',
      'eat|eats|ate ~3 out|from ~2 bin|bins',
      'steal|steals|stole|nick|nicked ~2 food',
      'food bank',
      'cold ~3 all|every|always|night|house|home|bed|coat',
      'sleep|sleeps|slept ~3 in ~2 coat|clothes',
      'sleep|sleeps|slept ~3 on ~2 floor',
      'same ~1 dirty|clothes|uniform',
      'dirty|smelly|smell|smells|stink|stinks|wet|soiled ~3 clothes|bed|uniform|house|flat|nappy|pad|kitchen|room',
      'nobody|noone|not|never ~4 wash|washes|washed|change|changes|changed|clean|cleans|cleaned|feed|feeds|fed|cook|cooks|cooked|check|checks|help|helps|take|takes|took|pick|picks|picked|look|looks|care|cares|bother|notice|notices|fix|fixed|got|get|wake|come|came|home',
      'left|leave|leaves|leaving ~3 me|him|her|us|them|alone|own|baby ~5 alone|own|night|nights|day|days|hours|weekend|flat|house|home|car|pub',
      'home|house|flat ~1 alone',
      'on ~1 my|his|her|our ~1 own ~4 night|nights|weekend|all day|days|hours|every',
      'look|looks|looking|care|cares ~1 after ~1 my|his|her|our ~2 little|baby|brother|brothers|sister|sisters|siblings|mum|dad',
      'mum|dad|mother|father|parent|carer ~4 always|every|all ~2 drunk|high|asleep|bed|passed|drinking|stoned|out|sleeping',
      'drunk|high|stoned|wasted|passed out|off her face|off his face|off their face|smashed',
      'drink|drinks|drinking|drugs|drug ~4 all|every|always|day|night|instead|money|again|lot',
      'mum|dad|mother|father|parent ~3 drink|drinks|drank|drinking|drugs|takes|smoke|smokes|needles',
      'asleep|sleep|sleeps|bed ~3 most|all ~2 day',
      'need|needles|syringes',
      'mice|rats|mouse|rat|mould|mouldy|cockroaches|maggots|poo|wee|rubbish|flies ~4 floor|house|kitchen|flat|everywhere|bed|room|home',
      'holes|hole|broken|too small|ripped|falling apart ~3 shoes|coat|clothes|uniform|bed',
      'shoes|coat|clothes|uniform ~3 holes|hole|too small|ripped|broken',
      'toothache|tooth ache|teeth ~5 months|weeks|hurt|rotten|black',
      'miss|missed|missing ~3 appointment|appointments|operation|hospital|dentist|doctor|therapy|physio',
      'ran out of|run out of|no more ~2 medicine|medication|tablets|inhaler|insulin|nappies|pads|food|milk',
      'forget|forgets|forgot ~3 medicine|medication|tablets|insulin|inhaler|feed|pick|collect',
      'broken|broke ~6 months|weeks|ages ~3 not|never|nobody|fixed',
      'nobody|noone ~3 notice|notices|noticed|care|cares|cared|ask|asks|asked|check|checks|bothers',
      'not|never ~2 go|went|going ~2 to ~1 school ~4 because|look|care|mum|dad|home',
      'lock|locks|locked ~2 fridge|cupboard|cupboards|kitchen|food',
      'no ~1 one ~3 feed|feeds|cooks|cook',
      'feed|feeds|fed ~1 myself|ourselves|themselves|himself|herself',
      'not ~2 enough ~2 food|eat|money|clothes',
      'bed|sleep ~3 wet|soaked|soiled|mattress|floor',
      'nappy|nappies|pad|pads ~4 not|never|all day|hours|sore|rash|same',
      'sore|rash|sores ~4 nappy|pad|bottom|left|changed'
    ],
    unless: []
  },
  // ---------- domestic abuse ----------
  {
    category: 'domestic',
    patterns: [
      '@family ~4 @hit ~3 mum|dad|her|him|each|nan|mother|father|partner|wife|husband|girlfriend|boyfriend|sister|brother',
      'fight|fights|fighting|fought|argue|argues|argued|arguing|row|rows|rowing|scream|screaming|shouting|shout ~6 night|nights|always|every|all the time|loud|hit|hurt|police|throw|smash|scared|hide|cry|wake|upstairs|kitchen|again|home|house|downstairs',
      'throw|throws|threw|thrown|smash|smashes|smashed|break|breaks|broke|punch|punches|punched|kick|kicks|kicked ~3 things|plate|plates|cup|cups|glass|tv|phone|chair|furniture|door|wall|window|stuff|table|hole',
      'police ~4 came|come|comes|called|round|house|home|took|take|again|night|arrested',
      'hide|hides|hid|hiding ~3 room|upstairs|bedroom|wardrobe|cupboard|bathroom|under|bed|garden',
      'cover|covers|covered|block ~2 my|our ~1 ears',
      'mum|mother|nan|sister|aunt ~3 cry|cries|cried|crying|bruise|bruises|bruised|black eye|hurt|scared|bleeding|blood',
      'control|controls|controlled|controlling ~3 mum|money|her|phone|where|everything',
      'not ~1 let|lets|allow|allowed ~2 mum|her ~3 out|go|see|have|phone|money|friends|work',
      'refuge|restraining order|injunction|safe house|womens aid|women aid',
      'leave|left|run|ran|escape|escaped ~3 in the night|middle of the night|from him|from her|from dad|from mum',
      'temper|angry|rage|raging|drunk ~6 @hit|smash|throw|scream|shout|scared|hurt|hide|police|mum|dad|door|wall',
      'strangle|strangled|choke|choked|throttle|throttled ~3 mum|her|him|dad',
      'kill|murder|hurt ~2 mum|dad|her|him|us|everyone|the family|the dog',
      'domestic|dv|violence'
    ],
    unless: []
  },
  // ---------- online abuse and grooming ----------
  {
    category: 'online',
    patterns: [
      'nude|nudes|naked|sexy|rude|dirty|topless|underwear|bra|boobs|privates ~3 @image|pic|pictures|photo|photos|video|videos|snaps|picture',
      '@image ~4 of ~1 me|him|her|my|his ~3 naked|nude|body|underwear|bra|pants|boobs|chest|bath|shower|without|topless|bed|privates',
      'send|sends|sent|sending|share|shared|post|posted|show|showed ~4 @image ~4 of ~1 me|him|her|my|his|body',
      'ask|asks|asked|asking|want|wants|wanted|tell|tells|told|make|made|keep|keeps|kept|beg|begs|pressure|pressured|pressures|bugging|nagging ~4 me|him|her ~4 send|sending|show|take|taking|film|strip|undress|video|camera|webcam|pictures|picture|photo|photos|nudes',
      'meet|meeting|met ~6 @online|@person|up|him|her|alone|secret|park|house|station|shops|city',
      '@online ~8 meet|meeting|met|address|school|where i live|come round|pick me up|older|age|secret|love|boyfriend|girlfriend|nudes|gifts|robux|vbucks',
      'older|age|years old|old ~6 than ~3 said|says|say|thought|pretend|pretended|told',
      'lie|lied|lies|lying|pretend|pretended|pretending|fake ~4 about ~2 age|his age|her age|who',
      'say|said|says|claim|claimed ~2 he|she|they ~1 was|is|were ~2 fifteen|fourteen|sixteen|thirteen|twelve|my age|our age|a kid|a girl|a boy|15|14|16|13|12|17',
      'threaten|threatens|threatened|will|gonna|going ~8 share|post|send|show|leak|put ~4 @image|it|them|online|everyone|school|family|mum|dad|friends',
      'pay|money|gift|card|vouchers|bitcoin ~5 or ~3 share|post|send|show|leak|tell|everyone',
      'blackmail|blackmailed|blackmailing|sextort|sextortion|catfish|catfished|groom|groomed|grooming',
      'delete ~3 messages|chat|chats|dms ~3 so|because|mum|dad|nobody|noone|before|secret',
      'webcam|camera|facetime|video call ~6 clothes|strip|naked|undress|off|touch|bed|body|privates|weird',
      'gave|give|gives|buy|buys|bought|send|sent|sends ~3 me|him|her ~3 robux|vbucks|skins|credit|gift|gifts|gift cards|money ~6 @image|pics|pictures|photos|send|if|for|secret',
      'man|men|guy|stranger|someone|person|adult|older ~5 online|game|snapchat|instagram|tiktok|discord|roblox|fortnite|app ~8 message|messages|messaged|asks|asked|wants|love|secret|meet|send|pics|body',
      'screenshot|screenshotted|screen recorded|recorded ~4 me|him|her|video call|call|chat',
      'shared|share|spread|sent round|went round|going round|posted ~5 @image|pictures|pics|nudes|video|photos',
      'keep ~3 secret ~4 online|game|chat|messages|snapchat|friend'
    ],
    unless: []
  },
  // ---------- sexual and criminal exploitation, county lines ----------
  {
    category: 'exploitation',
    patterns: [
      'county lines|trap house|trap|trapping|shotting|shot|plug|plugging|cunch|country|ot|going country|going cunch|run|runner|runs|line|lines|drops|drop|deal|dealing|dealer|dealers|sell|selling|sold|sells|move|moving|carry|carrying|hold|holding|stash|stashing|hide|hiding|keep|keeps ~3 @drug|for ~2 @person|them|him',
      'owe|owes|owed|owing|debt|debts ~4 @person|them|him|money|pay|work|off|back',
      'pay|pays|paid|give|gives|gave|buy|buys|bought ~3 me|him|her|us ~4 take|carry|deliver|drop|hold|go|do|sell|stuff|packages|parcels|bag|bags',
      'package|packages|parcel|parcels|bag|bags|stuff ~5 train|bus|town|towns|city|cities|another|other|open|look|deliver|take|carry|drop',
      'take|took|taken|taking|drive|drove|driven|go|went|gone ~4 to ~2 other|another|different|flat|house ~2 town|towns|city|cities|area|place|in',
      'older ~1 @person ~6 give|gives|gave|buy|buys|bought|pick|picks|picked|lift|lifts|car|cars|parties|party|money|cash|drugs|vodka|alcohol|fags|phone|trainers|hang|hanging|drive|pay',
      '@person ~4 give|gives|gave|buy|buys|bought|get|gets|got ~2 me|him|her|us ~3 @reward ~8 then|for|if|owe|have to|got to|nice|favours|favour|sleep|do|back|return',
      '@reward ~6 then ~4 owe|have to|has to|had to|got to|make|made',
      'new|second|another|burner|extra ~1 phone|phones|trainers|clothes|money|cash ~5 from|cant|dont know|where|nobody|older|man|boys|lads|buy',
      'loads|lots|bare|wad ~2 of ~1 cash|money ~5 new|trainers|from|where|older',
      'sleep|slept|sleeps|have sex|had sex|do stuff|did stuff|be nice ~3 with ~3 his|their|friends|mates|men|man|them|people',
      'pass|passed|passes ~2 me|her|him|around|round',
      'parties|party ~4 older|men|man|drugs|alcohol|vodka|drunk|strangers|houses|flats',
      'pick|picks|picked|picking ~2 me|him|her|up ~5 car|cars|men|man|older|different|after|club|school',
      'men|man|lads|boys|guys|older ~3 in ~1 car|cars|vans',
      'answer|answering ~2 a|the ~1 phone ~5 give|bags|people|drugs',
      'gang|gangs|opp|opps|op|ops|olders|elders|youngers|younger|link|links|shank|shanked|wap|ride out|ride|postcode|mandem|youngers|drill ~0',
      'stab|stabbed|shot|shoot|jumped|merk|merked|slash|shanked ~4 if|unless|lose|lost|snitch|grass|talk|tell|dont',
      'part ~1 of ~1 the ~1 family|gang|crew',
      'sugar daddy|boyfriend ~4 older|years older|20|21|22|23|24|25|26|27|28|29|30|man'
    ],
    unless: []
  },
  // ---------- child-on-child abuse, bullying ----------
  {
    category: 'child-on-child',
    patterns: [
      'bully|bullied|bullies|bullying|bullys',
      'bully|bullied|bullies|bullying|picked on|pick on|picks on|gang up|ganged up|gangs up',
      '@person ~3 @blow ~3 me|him|her|us|them|at|after|in|every',
      'spit|spits|spat|spitting ~2 on|at ~1 me|him|her|my',
      'laugh|laughs|laughed|laughing ~2 at ~1 me|him|her ~4 every|all|always|because|cry|name|names',
      'call|calls|called|calling ~2 me|him|her|us ~2 names|name',
      'film|films|filmed|filming|record|records|recorded|video|videoed ~3 me|him|her|us|it ~6 post|posted|share|shared|laugh|fight|toilet|changing|skirt|send|sent|group|chat',
      'post|posted|share|shared|put ~3 video|photo|picture|pics|pictures|something|stuff|rumour|rumours ~4 of|about ~1 me|him|her',
      'push|pushes|pushed|trip|trips|tripped|shove|shoved ~2 me|him|her ~3 over|down|stairs|into|off|wall|floor|ground',
      'throw|throws|threw|chuck|chucks|chucked ~2 things|stuff|stones|food|water|rocks|eggs ~2 at ~1 me|him|her',
      'steal|steals|stole|take|takes|took|nick|nicks ~2 my|his|her ~1 lunch|money|dinner|phone|bag|stuff|things|trainers|coat',
      'wait|waits|waiting|waited|follow|follows|followed ~2 for|me|him|her ~4 after|outside|home|school',
      'jump|jumped|rush|rushed|gang|ganged|surround|surrounded ~1 me|him|her|on',
      'scared|scare|afraid|frightened|dont want|not want ~3 go|going ~2 to ~1 school|college|club|class|lessons|toilets|playground|bus|taxi',
      'eat|eats|ate|hide|hides|hid|sit|sits ~3 in ~1 the ~1 toilet|toilets|library',
      'nobody|noone ~2 sit|sits|play|plays|talk|talks ~2 with|to ~1 me|him|her',
      'tell|tells|told|say|says|said ~3 me|him|her ~2 to ~2 kill|die|hang|cut|kys',
      'kill yourself|go die|kys|neck yourself|unalive yourself',
      'sexual ~1 comments|jokes|names|harassment',
      'rate|rates|rated|rating ~2 girls|boys|bodies|body|us|them',
      'upskirt|upskirting|pull|pulls|pulled|snap|snaps|snapped|ping|pinged ~2 my|her ~1 bra|skirt|pants|trousers|knickers|shorts|strap',
      'threaten|threatens|threatened|threatening ~3 me|him|her|to',
      'group chat ~6 about|laugh|hate|mean|horrible|names|left|kicked|out',
      'make|makes|made ~2 me|him|her ~3 fun',
      'hate ~3 page|account|group|chat|comments'
    ],
    negatable: true,
    unless: ['anti bully*', 'bully* ~1 week|policy|assembly|ambassador|ambassadors|lesson|lessons|project|poster|workshop|talk|day|month|campaign|charter|club']
  },
  // ---------- self-harm ----------
  {
    category: 'self-harm',
    patterns: [
      'cut|cutting|cuts|burn|burning|burns|burnt|scratch|scratching|scratches|hit|hitting|hits|punch|punching|bang|banging|bangs|hurt|hurting|hurts|harm|harming|harms|pinch|pinching|bite|biting|bit|starve|starving|punish|punishing|punishes|carve|carving|slap|slapping|pull|pulling ~2 @selfObj',
      'cut|cutting|cuts|burn|burning|burnt|scratch|scratching|carve|carving|slice|slicing|cutted ~3 my|his|her|their ~2 arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|tummy|hip|hips|body|belly|chest|ankle|ankles',
      'self ~1 harm|harming|harmed|injury|injure|hurt|destruct|destructive|destruction',
      'blade|blades|razor|razors|sharpener|sharpeners|shaver|scissors|compass ~8 arm|arms|wrist|leg|legs|skin|myself|hide|hid|room|again|use|used|bathroom|bedroom|sleeves|take apart|took apart|keep|kept|pencil',
      'scar|scars|scarred|cuts|marks|burns ~4 on ~1 my|his|her ~1 arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body',
      'hide|hiding|hid|cover|covering ~3 my|his|her ~2 arms|scars|cuts|wrists|legs|marks',
      'long ~1 sleeves|sleeve ~6 summer|hot|hide|cover|so|because|always|even|arms',
      'relapse|relapsed|relapsing|clean|urges|urge ~4 days|weeks|months|again|cut|cutting|harm|self|blade',
      'bang|banging|bangs|hit|hitting|hits ~2 my|his|her ~1 head ~3 wall|walls|floor|door|things|against|till|until',
      'pull|pulling|pulls|rip|ripping ~2 my|his|her ~1 hair ~2 out',
      'make|makes|made|making ~1 myself|himself|herself ~1 sick|throw|bleed|hurt|pay',
      'not ~2 eat|eating ~4 punish|deserve|fat|hate|control|days|weeks',
      'deserve|deserves|deserved ~3 pain|hurt|it|to hurt|to suffer|punishing|bad things',
      'overdose|overdosed|od|odd|ods ~0',
      'take|took|taken|taking|swallow|swallowed ~4 loads|lots|too many|handful|packet|whole|all|bunch ~3 pills|tablets|paracetamol|meds|medicine|pill',
      'pills|tablets|paracetamol ~6 to ~1 feel|sleep|die|not wake|myself',
      'feel ~2 pain|something ~3 cut|cutting|blade|burn|hurt',
      'hurt|hurting ~1 myself ~0'
    ],
    unless: []
  },
  // ---------- suicidal thoughts ----------
  {
    category: 'suicidal',
    patterns: [
      'suicide|suicidal|suicid*|sucide|suiside|kill myself|killing myself|killed myself|kill herself|kill himself|kill themselves|killed himself|killed herself',
      'kill|end|take|killing|ending|taking|ended|took ~2 my|his|her|their|own ~1 life|lives',
      'want|wants|wanted|wanting|wish|wishes|wished|like ~2 to ~1 die|dead|disappear|not exist|not be here|be gone|go to sleep forever|sleep forever',
      'want|wants|wanted|wish ~2 i|he|she|to ~1 was|were|be|am|could ~2 dead|die|gone|never born|not alive|not here|disappear',
      'not|never ~2 want|wanna|wish ~2 to ~2 live|be alive|be here|exist|wake|wake up|go on|carry on|be around|be born',
      'better ~1 off ~2 without ~1 me|him|her|dead',
      'no ~1 point ~2 in|to ~2 living|live|life|being|anything|going on|carrying on|existing|me|trying',
      'no ~1 point ~2 anymore',
      'end ~1 it|it all|everything|things',
      'not ~2 be|be here|here|around ~3 much longer|anymore|for long|tomorrow|next|soon|christmas',
      'go ~2 to ~1 sleep ~3 never|not ~2 wake',
      'never|not ~2 wake|wake up ~0',
      'jump|jumped|jumping|step|stepped|walk|throw ~3 off|in front|from|into ~3 bridge|train|car|cars|bus|roof|building|cliff|window|road|motorway|river|sea|tracks|balcony',
      'hang|hanging|hanged ~1 myself|himself|herself|themselves',
      'rope|noose ~0',
      'goodbye|good bye ~3 letter|note|notes|message|everyone|to ~1 everyone|to everybody',
      'write|wrote|written|writing ~1 a ~1 note|letter ~4 mum|goodbye|sorry|everyone|family|when|find',
      'give|gave|giving ~2 my|away ~2 stuff|things|away|belongings',
      'nobody|noone ~2 would|will|wouldnt|miss|notice|care ~3 miss|notice|care|if|gone|dead|died',
      'happier|easier|better ~3 if ~1 i|he|she ~1 was|were|wasnt|gone|dead|died|not',
      'tired|sick ~2 of ~1 living|life|being alive|existing|everything',
      'cant ~2 do|take|cope|go|carry ~2 this|it|anymore|on|any longer',
      'can not ~2 do|take|cope|go|carry ~2 this|it|anymore|on|any longer',
      'plan|plans|planned|planning ~3 to ~1 die|end|do it|kill|when|how|overdose',
      'die|dying|dead ~4 soon|tonight|tomorrow|before|anyway|easier|better|want|wish|rather',
      'rather ~2 be ~1 dead',
      'what is|whats ~1 the ~1 point ~2 of ~1 living|life|me|being alive|anything|going on',
      'disappear ~2 forever|for good|never come back',
      'kill ~1 me ~0'
    ],
    unless: ['kill ~1 me ~1 if|when|for', 'my ~1 feet|legs|back|head|knees|tummy|belly|arms ~1 are|is ~1 killing ~1 me']
  },
  // ---------- radicalisation ----------
  {
    category: 'radicalisation',
    patterns: [
      '@extreme',
      'hate|kill|killed|killing|get rid of|attack|fight|wipe out|destroy|deport|burn|shoot|bomb ~3 all|every|the ~2 @group',
      'all ~1 @group ~3 should|must|need|deserve|are|r ~3 die|dead|killed|go|out|deported|burn|shot|evil|scum|animals|vermin|invaders|inferior|enemy|enemies|pay|taking|replacing|replace|invading',
      '@group ~3 are|r|is ~3 invading|taking over|replacing|the enemy|vermin|scum|animals|inferior|subhuman|evil|destroying',
      'fight|fighting|die|dying|war ~3 for ~2 our|the|my ~1 cause|people|race|religion|country|god|faith|brothers|nation|land',
      'join|joined|joining|recruit|recruited|recruiting ~4 group|cause|fight|movement|army|brothers|them|war|struggle|jihad',
      'race war|holy war|great replacement|white power|white pride|white genocide|blood and soil|kill all|gas the|deus vult|fourteen words|14 words|remigration|day of the rope',
      'bomb|bombs|bombing|explosive|explosives|gun|guns|shoot|shooting ~4 school|mosque|church|synagogue|temple|people|them|make|making|build|up|attack',
      'shoot up|blow up ~2 school|college|mosque|church|synagogue|place|everyone',
      'how ~1 to ~1 make|build ~2 bomb|bombs|gun|guns|explosive|weapon',
      'videos|video|channel|channels|forum|forums|server|group|man|men|guy|people ~6 online|discord|telegram|tiktok|youtube ~10 hate|fight|war|kill|enemy|traitor|race|religion|pure|true|jihad|replace|weapons|violence|attack',
      'dont|not|never ~2 tell|trust ~3 family|parents|mum|dad|teachers|police ~6 group|brothers|cause|truth|videos|they|them|online',
      'traitor|traitors|kafir|kuffar|infidel|apostate|degenerate|degenerates|mud|cucks|normies ~0',
      'wants|want|wanted|going|planning|plans|talks ~3 to ~1 go|travel ~2 fight|syria|war|join',
      'truth ~3 about ~2 the ~1 jews|muslims|immigrants|blacks|them|elites|globalists',
      'only|true|real ~1 believers|patriots|warriors|brothers|soldiers'
    ],
    unless: ['@learn ~6 @extreme', '@extreme ~6 history|lesson|lessons|museum|documentary|film|book|ww2|war|world war|assembly|talk|project|game|movie|workshop|prevent']
  },
  // ---------- FGM, forced marriage, honour-based abuse ----------
  {
    category: 'fgm-forced-marriage',
    patterns: [
      'fgm|cutting|cut|circumcis*|circumcise|circumcised|sunna|khatna|pharaonic|infibulation|type ~3 girls|girl|me|her|down there|private|privates|ceremony|become a woman|womanhood|tradition|traditional|pure|clean|special',
      'special|secret|big ~1 ceremony|procedure|party|celebration ~6 abroad|holiday|country|aunt|grandma|nan|girls|woman|cut|pain|summer',
      'become|becoming ~1 a ~1 woman ~6 ceremony|cut|holiday|aunt|nan|special|pain|summer',
      'pure|clean|purity ~6 girl|girls|before|marry|wedding|cut|ceremony',
      '@force ~8 me|him|her|i|she|he ~6 @marry',
      '@marry ~8 me|him|her ~6 @force|older|cousin|stranger|man|old|years|age|abroad|back home|dont know|never met|not want|dont want|wont|17|16|15|14|13|12|when i am|after school|finish school',
      'married|marry|wedding|engaged ~6 when ~2 i|she|he ~1 am|is|turn|finish|leave|16|17|18|older',
      'not|never|dont|do not ~2 want|wanna ~3 marry|married|wedding|husband|wife',
      'promise|promised|engaged|betrothed|given ~2 to ~2 a|an|my|his|her|man|cousin|someone|stranger|older|boy|husband',
      '@marry ~6 @abroad',
      'choose|chose|chosen|pick|picked|find|found|arranged|arranging ~3 a|my|her|his ~1 husband|wife|man|boy|girl|marriage|wedding',
      'husband|wife ~4 for ~2 me|her|him',
      'shame|shamed|shaming|ashamed|dishonour|dishonoured|dishonor|honour|honor|izzat|disgrace|disgraced|reputation|respect ~6 family|families|community|name|mum|dad|parents|brother|uncle|punish|kill|hurt|beat|lock',
      'family|families|parents|dad|mum|brother|brothers|uncle|cousins|community ~6 shame|shamed|dishonour|dishonoured|honour|izzat|disgrace|disgraced|reputation',
      'kill|hurt|beat|disown|disowned|send ~3 me|him|her|away ~8 find|found|out|know|boyfriend|girlfriend|gay|lesbian|trans|talk|talking|boys|boy|girls|religion|convert|pregnant|dating',
      'not ~1 allowed|let ~4 talk|speak|see|text|friends ~2 boys|boy|girls|girl|men',
      'take|takes|taking|took|taken|send|sending|sent ~3 me|him|her|us ~3 back|abroad|home|country|pakistan|bangladesh|india|somalia|nigeria|village ~8 not|never|marry|married|stay|forever|wedding|husband|school|coming back|return',
      'passport ~6 take|took|taken|hide|hid|hidden|keep|kept|lock|locked',
      'virginity|virgin ~4 test|check|checked|tested|doctor'
    ],
    unless: []
  },
  // ---------- modern slavery and trafficking ----------
  {
    category: 'slavery-trafficking',
    patterns: [
      'not|never|no|dont|without ~4 pay|paid|wages|money|salary ~6 work|job|working|worked|clean|cleaning|cook|boss|them|shift|hours|day',
      '@work ~6 for ~2 no|nothing|free|food|rent|debt|journey|keep ~2 money|pay|wages',
      '@work ~6 no ~1 money|pay|wages',
      'work|works|worked|working ~6 every ~1 day|night ~4 no|not|never|instead|cant|school|pay|paid|money|owe',
      'work|works|worked|working ~3 all ~1 day|night ~6 no|not|never|cant|owe|boss|sleep|instead|school|money',
      'take|takes|took|taken|keep|keeps|kept|has|have|hold|holds|held|hide|hid ~3 my|his|her|our|their ~1 passport|passports|id|documents|papers|visa|wages|money|earnings|pay',
      'owe|owes|owed|owing|debt|pay off|paying off|pay back ~6 journey|travel|trip|bringing|brought|rent|food|boss|them|smuggler|agent|people|uk|england|here|house',
      'brought|bring|bringing|took|taken|smuggled|trafficked|moved ~3 me|him|her|us|them ~3 here|over|to ~1 uk|england|britain|country|house|houses|cities|city|different|around',
      'people|man|men|woman|agent|person|lorry|boat ~3 who ~1 brought|bring|took|smuggled|moved',
      'cant|can not|not allowed|never allowed|wont let|dont let ~3 leave|go out|go home|escape|get out|go anywhere',
      'live|lives|lived|living|sleep|sleeps|slept|sleeping|stay|stays ~4 where|above|behind|back|at|in ~2 i ~1 work|works|restaurant|shop|takeaway|car wash|nail bar|farm|factory|kitchen|shed|warehouse|salon|site|office|caravan',
      'car wash|nail bar|cannabis farm|grow house|weed farm|farm|factory ~6 work|working|worked|made|make|sleep|owe|boss|no money|not paid|cant leave|locked',
      'lock|locks|locked ~4 doors|door|in|us|me|them ~4 night|nights|work|house|building|cant',
      'sold|sell|sells|selling|bought|buy ~2 me|him|her|us|them ~4 to|for|man|men',
      'made|make|makes|forced|force ~2 me|him|her|us|them ~3 work|clean|cook|beg|begging|steal|stealing|look after|work ~6 day|night|no|house|houses|money|free|all',
      'boss ~6 owe|wont|will not|doesnt|dont|keeps|takes|hits|shouts|says|locks|passport|money|pay',
      'domestic ~1 servant|servitude|slave',
      'slave|slaves|slavery|enslaved|trafficking|trafficked|traffickers|smuggled|exploited|exploiting'
    ],
    unless: ['volunteer|volunteering|volunteered|charity|work experience|placement|pocket money|chores|allowance|dbs']
  },
  // ---------- going missing, running away ----------
  {
    category: 'missing',
    patterns: [
      'run|ran|running|runs|runaway|run off|ran off|running off|do a runner|did a runner|legged it|escape|escaped|bolt|bolted ~4 @home|away|again|night|times|days|streets|police|never|from home|off|out',
      'sleep|sleeps|slept|sleeping|stay|stays|stayed|staying|crash|crashed|crashing|live|living|kip|kipped|doss|dossed|surf|surfing ~4 at|in|on|with|under|round ~3 @sleepout ~6 @away|because|since|cant|can not|dont|do not|wont|didnt|scared|rather|instead|nobody|noone|homeless|nowhere|kicked',
      'sleep|sleeps|slept|sleeping|stay|stayed|staying|live|living ~4 at|in|on|under ~2 the|a ~1 park|street|streets|station|bench|stairwell|stairs|garage|shed|tent|doorway|bus|underpass|bridge|canal|woods|car|beach|squat',
      'sofa ~1 surf|surfing|surfed',
      'nowhere|no where|no place|nowhere else ~3 to ~1 go|sleep|live|stay',
      'homeless',
      'kick|kicks|kicked|chuck|chucks|chucked|throw|throws|threw|thrown ~2 me|him|her|us|them ~2 out',
      'stay|stays|stayed|staying|go|goes|went|going ~2 out ~4 all night|all weekend|till|until|morning|next day|days|nights|late',
      'out ~1 all ~1 night|weekend',
      'not|never|didnt|dont|do not|did not|wont|hasnt|havent|has not|have not ~3 come|came|go|went|been|gone|going|coming ~2 home|back ~4 night|nights|days|weeks|since|till|until|morning|anymore|again|because|scared|want|rather',
      'not|never|didnt|dont|do not ~2 want|wanna ~2 to ~1 go ~1 home|back',
      'can not|cant|couldnt ~2 go ~2 home|back',
      'not ~1 been ~2 seen|home|heard',
      'missing|missed from|reported missing|gone missing|went missing|go missing',
      'police ~4 found|find|brought|bring|looking|search|searched|picked',
      'nobody|noone ~4 notice|notices|noticed|know|knows|knew|care|cares|ask|asks|asked|rang|ring|call|called|check|looking|look|worry|worries|worried ~4 where|gone|when|home|come|back|out|missing|left|leave',
      'walk|walked|walking|wander|wandered|wandering ~3 streets|around|about ~3 all night|night|nights|till|until|hours',
      'phone ~2 off|dead ~6 days|since|nobody|noone|not|cant|seen|missing',
      'not|never ~2 seen ~3 since|days|week',
      'hitch|hitched|hitchhike|hitchhiked|got ~2 train|bus ~3 on my own|alone|nobody knew|no one knew|without telling|to london|to another',
      'live|lives|living|stay|staying ~3 on ~1 the ~1 streets'
    ],
    unless: ['sleepover|sleepovers', 'ran|run|running|ran off|run away|ran away ~3 from ~2 wasp|wasps|bee|bees|dog|dogs|spider|goose|geese|cow|cows|ball|race|rain|zombie|zombies|monster|ghost|game|tag|chase|seagull|bull']
  },
  // ---------- feeling unsafe, secrets, silencing ----------
  {
    category: 'unsafe',
    patterns: [
      'unsafe|not safe|never safe|no safe',
      'not|never|no ~2 feel|feeling|felt|feels ~1 safe',
      '@fear ~4 @person|him|her|them|home|house|dad|mum|go back|going back|going home|go home|to tell|tell|night|nights|what|when ~0',
      '@fear ~3 of ~2 my|his|her|our|their|the ~2 @person|dad|mum|step|uncle|boyfriend',
      'all ~1 the ~1 time ~3 @fear',
      '@fear ~3 all ~1 the ~1 time',
      'tell|told|say|said|says|tells|make|made ~3 me|him|her|us ~4 not ~2 @tell|to ~2 keep|secret|quiet|shut up',
      'not ~1 allowed|meant|supposed ~2 to ~1 @tell|say|talk|speak|let anyone know',
      'keep|keeps|kept|keeping ~3 secret|secrets|quiet|mouth shut|a secret',
      'our ~1 secret',
      'secret ~3 at|about ~2 home|house|family|dad|mum|uncle|what happens',
      'if ~2 i|he|she|you|we ~1 @tell|tell|told|say|said|grass|snitch ~8 hurt|kill|trouble|taken|care|away|home|get|beat|hit|never|sorry|leave|dead|die|pay|worse',
      'nobody|noone|no ~2 would|will|wouldnt|wont|never|ever ~2 believe|believes|believed|listen|listens|listened ~1 me|him|her|us|anyway',
      '@tell|told ~5 nobody|noone|didnt|not ~2 believe|believed|listen|listened|did anything|do anything|help',
      'believe|believed ~1 me ~0',
      'threaten|threatens|threatened|threatening|threat|threats ~3 me|him|her|us|to|my',
      'or ~1 else',
      'promise|promised|swear|swore ~4 never|not ~2 tell|say|talk',
      'something|stuff|things ~2 bad|wrong|horrible|scary|weird|happen|happens|happened|going on ~4 home|house|night|weekend|dad|mum|me|to me|there|him|her',
      'something ~1 happened ~3 to ~1 me|him|her',
      'can not|cant|not ~2 tell|say|talk|explain ~3 why|what|who|about it|you|anyone',
      'get|got|gets|getting|be|in ~2 trouble ~3 for ~1 telling|saying|talking|told',
      'forget ~1 it|i said|what i said',
      'please|someone|somebody ~2 help ~1 me|us',
      'need|needs|want ~1 help ~4 home|house|him|her|please|now|scared|safe|quick|fast|someone|somebody|get out|away',
      'i ~1 need ~1 help ~0',
      'help ~1 me|us ~1 please|now',
      'save me|rescue me|get me out',
      'watch ~1 my|your|his|her ~1 back',
      'abuse|abused|abusing|abusive|abuser|harm|harmed|hurt|hurting|danger|dangerous ~4 home|house|dad|mum|me|him|her|family|night|there|step|uncle|boyfriend',
      'nightmare|nightmares|flashback|flashbacks ~6 him|her|what|happened|dad|mum|night|uncle|man|again',
      'dread|dreading|hate ~3 going ~1 home|back|weekend|weekends|contact|nights'
    ],
    negatable: true,
    unless: []
  }
];
