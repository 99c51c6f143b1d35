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
import type { HarmCategory } from '../harm-categories';
import type { Rule } from './engine';

export const CLASSES: Record<string, readonly string[]> = {
  /** People who may harm or be harmed, other than the writer. */
  person: [
    'he', 'she', 'they', 'him', 'her', 'them', 'man', 'men', 'woman', 'women', 'guy', 'guys', 'lad', 'lads', 'boy', 'boys', 'girl', 'girls',
    'kid', 'kids', 'someone', 'somebody', 'person', 'people', 'mum', 'dad', 'mother', 'father', 'parent', 'carer', 'foster', 'step', 'nan',
    'grandad', 'grandparent', 'grandfather', 'grandmother', 'uncle', 'aunt', 'cousin', 'brother', 'sister', 'boyfriend', 'girlfriend',
    'partner', 'husband', 'wife', 'ex', 'teacher', 'coach', 'driver', 'escort', 'staff', 'worker', 'neighbour', 'babysitter', 'lodger',
    'friend', 'mate', 'family', 'relative', 'stranger', 'adult', 'gang', 'everyone', 'bully', 'student', 'pupil', 'classmate', 'child',
    'son', 'daughter', 'baby', 'sibling', 'assistant', 'helper', 'leader', 'volunteer', 'owner', 'boss',
    'landlord', 'member', 'priest', 'imam', 'pastor', 'tutor', 'instructor', 'manager', 'keyworker', 'year', 'older', 'pa'
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
    'stab', 'slam', 'smash', 'jump', 'bang', 'pin', 'tie', 'drown', 'suffocate', 'smother', 'pull', 'yank',
    'beaten', 'hitting', 'struck', 'threw', 'thrown', 'burnt', 'torture', 'rough', 'beats'
  ],
  /** Blows with no harmless reading when a person is near. */
  blow: [
    'punch', 'kick', 'slap', 'smack', 'beat', 'batter', 'strangle', 'choke', 'throttle', 'whip', 'headbutt', 'thump', 'whack', 'wallop',
    'spank', 'assault', 'bash', 'stab', 'pinch', 'beaten', 'battered', 'attack', 'strangled', 'choked', 'drown', 'suffocate',
    'smother', 'torture', 'burn', 'scald', 'shove', 'drag'
  ],
  injury: ['bruise', 'mark', 'welt', 'scar', 'bleed', 'blood', 'lump', 'swollen', 'fracture', 'broken', 'burn', 'sore', 'cut', 'graze', 'eye', 'injury', 'bump', 'bumps', 'plaster', 'plasters', 'wound', 'wounded', 'wounds'],
  weapon: ['belt', 'stick', 'knife', 'slipper', 'spoon', 'cable', 'wire', 'lighter', 'iron', 'shoe', 'hanger', 'cane', 'bat', 'hammer', 'fist', 'lead', 'strap', 'cigarette', 'charger'],
  sport: ['ball', 'goal', 'football', 'puck', 'shuttlecock', 'target', 'drum', 'button', 'pinata', 'bag', 'pad', 'pads', 'mitt', 'net', 'wall', 'shot', 'boxing', 'sparring', 'rugby', 'match', 'game', 'tackle', 'karate', 'judo', 'wasp', 'dodgeball', 'bowling', 'fifa', 'chess', 'cards', 'race', 'xbox', 'fortnite', 'tennis', 'pool', 'darts', 'uno', 'wrestling', 'pe', 'tag', 'ropes', 'weights', 'gym', 'trampoline', 'netball', 'hockey', 'cricket', 'bat', 'accidentally'],
  insult: [
    'stupid', 'thick', 'useless', 'worthless', 'fat', 'ugly', 'retard', 'retarded', 'idiot', 'dumb', 'freak', 'pathetic', 'mistake', 'waste',
    'burden', 'mental', 'psycho', 'weirdo', 'spastic', 'spaz', 'loser', 'disgusting', 'evil', 'bad', 'nothing', 'rubbish', 'failure', 'slag',
    'slut', 'whore', 'bitch', 'names', 'name', 'embarrassment', 'disgrace', 'pig', 'monster', 'animal', 'lazy', 'devil', 'cursed', 'possessed', 'nobody', 'shit', 'crap', 'problem', 'worst', 'hopeless', 'dog', 'vegetable', 'cabbage', 'mong', 'mongo', 'spacker', 'defective', 'braindead', 'nutter', 'vegtable'
  ],
  body: ['arm', 'arms', 'wrist', 'leg', 'legs', 'thigh', 'skin', 'stomach', 'belly', 'hip', 'body', 'chest', 'tummy', 'ankle', 'shoulder', 'face', 'neck', 'head', 'back', 'hand', 'finger', 'cheek', 'cheeks', 'jaw', 'lip', 'ear', 'ears', 'nose', 'ribs', 'throat', 'scalp'],
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
  fear: ['scared', 'scare', 'afraid', 'frightened', 'terrified', 'petrified', 'fear', 'unsafe', 'panic', 'dread', 'trembling'],
  /** Whom a child fears in a way that matters: not the dentist. */
  harmer: ['he', 'she', 'they', 'him', 'her', 'them', 'man', 'men', 'woman', 'guy', 'lads', 'boys', 'girls', 'someone', 'somebody', 'people', 'mum', 'dad', 'mother', 'father', 'parent', 'carer', 'foster', 'step', 'nan', 'grandad', 'uncle', 'aunt', 'cousin', 'brother', 'sister', 'boyfriend', 'girlfriend', 'partner', 'husband', 'ex', 'neighbour', 'babysitter', 'lodger', 'stranger', 'gang', 'family', 'driver', 'escort', 'coach', 'teacher', 'staff', 'older', 'friend', 'mate'],
  tell: ['tell', 'told', 'say', 'said', 'talk', 'speak', 'report', 'grass', 'snitch', 'snake', 'mention', 'show'],
  silence: ['secret', 'secrets', 'promise', 'swear', 'trouble', 'believe', 'believed', 'lie', 'liar', 'lying'],
  gone: ['gone', 'dead', 'here', 'alive', 'around', 'born', 'exist', 'existing', 'living', 'awake', 'wake'],
  work: ['work', 'job', 'clean', 'cook', 'serve', 'labour', 'graft', 'shift', 'shifts', 'wash', 'farm', 'factory', 'kitchen', 'restaurant', 'takeaway', 'nail', 'salon', 'shop', 'site', 'warehouse', 'field'],
  papers: ['passport', 'id', 'document', 'documents', 'docs', 'papers', 'visa', 'card', 'wages', 'money', 'phone', 'pay', 'earnings'],
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
  marry: ['marry', 'married', 'marriage', 'wedding', 'husband', 'wife', 'engaged', 'engagement', 'nikah', 'spouse', 'betrothed', 'promised'],
  force: ['make', 'made', 'force', 'forced', 'have', 'got', 'must', 'want', 'wants', 'arrange', 'arranged', 'choose', 'chose', 'chosen', 'pick', 'picked', 'find', 'found', 'promise', 'promised', 'tell', 'told', 'say', 'said', 'plan', 'planning', 'send', 'sending', 'take', 'taking'],
  abroad: ['abroad', 'holiday', 'overseas', 'back', 'country', 'pakistan', 'india', 'bangladesh', 'somalia', 'nigeria', 'egypt', 'sudan', 'yemen', 'iraq', 'afghanistan', 'gambia', 'ethiopia', 'eritrea', 'kenya', 'turkey', 'syria', 'morocco', 'sierra', 'guinea', 'mali', 'kurdistan', 'village', 'aunt', 'grandparent', 'nan'],
  sleepout: ['park', 'street', 'streets', 'outside', 'car', 'station', 'bench', 'stairwell', 'stairs', 'garage', 'shed', 'tent', 'doorway', 'bus', 'train', 'squat', 'hostel', 'woods', 'beach', 'underpass', 'bridge', 'canal', 'field', 'anywhere', 'somewhere', 'random', 'different', 'friend', 'mate', 'mates', 'people', 'older', 'boyfriend', 'girlfriend', 'sofa', 'floor'],
  away: ['night', 'nights', 'week', 'weeks', 'day', 'days', 'again', 'often', 'most', 'every', 'always', 'instead', 'because', 'now', 'lot', 'times', 'anymore', 'month', 'months'],
  home: ['home', 'house', 'placement', 'care', 'foster', 'respite', 'unit', 'hostel', 'school', 'flat', 'children'],
  /** Words that say a thing was taken to be mended, not taken from a child ("taken away to be serviced"). */
  repair: ['fix', 'fixed', 'fixing', 'repair', 'repaired', 'repairs', 'repairing', 'service', 'serviced', 'servicing', 'mend', 'mended', 'mending', 'charge', 'charged', 'charging', 'battery', 'update', 'updated', 'updating'],
  /** Words that say a mention of extremism is a lesson about it. */
  lesson: ['lesson', 'lessons', 'history', 'assembly', 'documentary', 'museum', 'pshe', 'rse', 'prevent', 'workshop', 'ww2', 'revision', 'exam', 'homework', 'coursework', 'gcse', 'project'],
  neglectNeed: ['food', 'eat', 'eating', 'meal', 'meals', 'dinner', 'tea', 'breakfast', 'lunch', 'heating', 'heat', 'electric', 'electricity', 'water', 'bed', 'blanket', 'clothes', 'coat', 'shoes', 'uniform', 'medicine', 'medication', 'tablets', 'inhaler', 'dentist', 'doctor', 'appointment', 'appointments', 'glasses', 'aids', 'wheelchair', 'bath', 'shower', 'wash', 'washing', 'nappy', 'pad', 'pads', 'money', 'milk', 'toothbrush', 'hospital', 'operation', 'help', 'talker', 'device', 'splints'],
  alone: ['alone', 'own', 'myself', 'ourselves', 'themselves', 'himself', 'herself', 'nobody', 'noone', 'unattended'],
  /** The broad net (BROAD_RULES): acts and states that are harm when a person is near. */
  harmAct: [
    'hit', 'kick', 'punch', 'slap', 'smack', 'squeeze', 'choke', 'strangle', 'grab', 'pinch', 'shove', 'burn', 'stab', 'bleed', 'bled',
    'bruise', 'beat', 'batter', 'attack', 'tripped', 'locked', 'drag', 'forced', 'touch', 'grope', 'naked', 'undress', 'overdose', 'hang',
    'drown', 'blade', 'belt', 'throat', 'marks', 'blood', 'scars', 'weapon', 'gun', 'bomb', 'blackmail', 'threaten', 'threat', 'trapped',
    '999', 'ambulance', 'drugs', 'weed', 'debt', 'untreated', 'unwashed', 'filthy', 'crawl', 'pics', 'nudes', 'skins', 'rage', 'drunk',
    'nightmares', 'worthless', 'useless', 'hopeless', 'pointless', 'abandoned', 'burden', 'traitor', 'spit', 'tease', 'mock', 'memes', 'bully'
  ],
  /** A person other than the writer, the writer as object, or how often it happens. */
  near: [
    'he', 'she', 'they', 'him', 'her', 'them', 'me', 'myself', 'mum', 'dad', 'step', 'uncle', 'aunt', 'nan', 'grandad', 'brother', 'sister', 'cousin',
    'boyfriend', 'girlfriend', 'partner', 'carer', 'foster', 'staff', 'teacher', 'driver', 'escort', 'man', 'men', 'woman', 'boy', 'boys', 'girl',
    'girls', 'lads', 'kids', 'someone', 'somebody', 'people', 'friend', 'mate', 'older', 'adult', 'guy', 'family', 'every', 'always', 'again',
    'keeps', 'daily', 'nightly', 'constantly', 'tonight', 'ppl', 'guys', 'son', 'daughter', 'child'
  ],
  /** What makes a harm word near a person harmless: games, sport, lessons, stories, treats, good news. */
  harmless: [
    'ball', 'match', 'football', 'game', 'games', 'fifa', 'xbox', 'playstation', 'fortnite', 'minecraft', 'roblox', 'film', 'movie', 'tv', 'book',
    'story', 'lesson', 'pshe', 'assembly', 'project', 'cake', 'pizza', 'party', 'birthday', 'surprise', 'santa', 'christmas', 'play', 'played',
    'playing', 'won', 'win', 'lol', 'fun', 'funny', 'laughing', 'joke', 'joking', 'proud', 'happy', 'great', 'amazing', 'brilliant', 'dentist',
    'doctor', 'nurse', 'vet', 'vets', 'haircut', 'hair', 'cooking', 'sport', 'boxing', 'karate', 'training', 'coach', 'cadets', 'scouts', 'charity',
    'sponsored', 'wedding', 'bridesmaid', 'holiday', 'trip', 'museum', 'history', 'learned', 'learnt', 'taught', 'talk', 'talked', 'police officer',
    'fireworks', 'bonfire', 'halloween', 'costume', 'zombie', 'zombies', 'spider', 'spiders', 'wasp', 'dog', 'cat', 'pet', 'hamster', 'paint',
    'drawing', 'lego', 'job', 'shift', 'boss', 'volunteer', 'pillow', 'snowball', 'tickle', 'nerf', 'homework', 'fair', 'enough', 'sorted', 'better', 'now', 'tooth', 'teeth', 'brace', 'injection', 'blood test'
  ],
  selfObj: ['myself', 'himself', 'herself', 'themselves', 'yourself', 'ourselves', 'self']
};

type R = Rule<HarmCategory>;

/** What shows a secret, a threat or "help" is harmless: a surprise, a quiz, a lesson (the unsafe block and those moved out of it). */
const UNSAFE_EXCUSES = ['santa|surprise|spoiler|spoilers|quiz|password|party|present|presents|birthday present|getting for christmas|getting for her birthday|getting for his birthday|getting for', '@lesson', '=talked|=learned|=learnt ~1 about'];

export const RULES: readonly R[] = [
  // ---------- physical abuse ----------
  {
    category: 'physical',
    patterns: [
      '@hit ~2 me|us',
      '@blow ~3 me|us|him|her|them',
      '@blow ~1 my|his|her|their ~1 @family',
      '@harmer ~1 fist|fists',
      '@hit ~1 my|his|her|their ~1 @family',
      '@person ~5 @blow',
      '@blow ~2 and ~1 @blow',
      '@person ~1 @hit ~3 @weapon',
      '@hit ~4 with ~2 @weapon',
      'get|got ~1 it ~3 with ~3 @weapon',
      'swung|swing|swings|lashed out|went ~2 for ~1 me|him|her|mum',
      'get|got|gets|getting|be|been|was|were|is|being ~2 @blow',
      'flinch|flinches|flinched|cower|cowers|cowered',
      '@person ~3 @weapon ~4 every|night|nights|day|days|when|if|again|back|legs|me|bum|bottom|hand|hands|arm',
      '@injury ~8 when|after ~4 stay|stayed|staying|at|home|house|weekend',
      '@person ~6 my ~1 face|head|stomach|nose|eye|ribs ~6 every|always|day|again',
      'get|got|gets|been|was|were ~1 hit|hurt|burnt|burned|thrown|pushed|kicked|punched|slapped|smacked|grabbed|pinched|bitten|whipped|beaten|strangled|choked',
      '@injury ~8 @person ~3 do|did|does|done|gave|give|made|make|cause|caused',
      '@person ~5 gave|give|gives|left|leave|leaves|caused ~3 @injury',
      '@injury ~6 from|because|after ~3 @person|him|her|them',
      'say|said|tell|told|says ~3 i|he|she|we ~1 fell|fall|walked|tripped|slipped',
      'hide|cover|hid|covered|hiding ~3 @injury',
      'long sleeves ~8 hide|hides|hiding|hid|cover|covers|covering|so ~2 not|no|nobody|noone|even|summer|hot|pe|swimming|marks|bruises|scars|cuts|always|never|all the time|every day|anymore|now',
      'always|even|still|have to|has to|made ~4 long sleeves',
      'hold|held|holds|holding ~2 me|him|her|my ~3 under|down|against',
      'hand|head|arm|face ~3 on|in|under|against ~2 cooker|hob|fire|water|wall|bath|oven|radiator|kettle|iron',
      'lock|locks|locked|locking|shut|shuts ~2 me|him|her|us|them|mum|dad ~2 in|out',
      'chuck|chucks|chucked|throw|throws|threw ~2 stuff|things|plates|cups|mug|remote|shoes ~2 at ~1 me|him|her',
      'gash|cut|bruise|lump ~3 on ~1 my|his|her ~1 head|face|arm|back|leg',
      '@hit ~2 my|his|her|mums|mum ~1 neck|throat',
      'hands ~2 round|around ~2 my|his|her|mums|mum ~1 neck|throat',
      'leave|leaves|left ~2 marks|bruises|a mark',
      '@hit ~2 my|his|her ~1 arm|arms|wrist|wrists|neck|face|head|leg|legs ~3 hard|really|until|till|blue|black|red|marks|bruise|bruises',
      'blue|black|purple ~1 arm|arms|leg|legs|marks|bruise|bruises|wrist',
      'take|took|takes ~2 her|mums|mum ~1 phone|money|keys|bank card',
      'tie|tied|ties ~2 me|him|her|up',
      'hit|smack|slap|kick|punch|beat|hurt ~2 me|him|her|us ~4 when|if|because|for',
      'shake|shook|shakes|shaking ~2 me|him|her|the baby',
      'rough|violent|physical ~2 with ~2 me|him|her|us',
      'bruise|bruised|bruises|marks|welts ~4 my|his|her ~3 @body',
      'black eye|fat lip|split lip|bust lip|bloody nose|nose bleed',
      'belt ~3 out|off',
      'get|got|gets|take|took|takes|use|used|uses ~2 the ~1 belt|stick|slipper|cane|strap|wooden'
    ],
    unless: ['ball|football|netball|basketball|goal|puck|shuttlecock|dodgeball|wasp|pinata|punchbag|pads|net|boxing|sparring|rugby|tackle|karate|judo|wrestling|wrestler|wwe|hockey|cricket|pillow|tickle|snowball|nerf|playfight|play fight|water fight|physio|physiotherapy|physiotherapist|stretches|exercises|injections|insulin|jab|jabs|vaccine|vaccination', 'at ~2 fifa|xbox|chess|cards|game|games|race|fortnite|football|tennis|pool|darts|uno|monopoly|mario|swimming|arm wrestling']
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
      'not ~2 talk|talks|speak|speaks|spoken ~2 to ~1 me|him|her ~8 day|days|week|weeks|punishment|punish',
      'treat|treats|treated ~2 me|him|her|us ~2 like',
      'send|sends|sent|put|give ~2 me|him|her ~2 away|care|home|back',
      'leave|left ~2 me|him|her ~3 hospital|somewhere|there|behind|never|streets|forever',
      'threaten|threatens|threatened|threatening ~3 me|him|her|us|to',
      'scream|screams|screamed|screaming|shout|shouts|shouted|shouting|yell|yells|yelled|swear|swears ~3 me|him|her|us ~6 every|all|always|hours|constantly|face|day|night',
      'always|constantly|keeps|every ~3 scream|screaming|shout|shouting|yell|yelling|swear|swearing|criticise|putting',
      'make|makes|made ~2 me|him|her ~3 feel ~2 @insult|small|worthless|nothing|bad|scared|stupid|rubbish|ugly|fat',
      'not ~1 allowed|let ~3 eat|food|friends|out|talk|speak|see|phone|play|toilet|leave|room|drink|sleep',
      'rip|ripped|rips|smash|smashed|break|broke|destroy|destroyed|bin|binned|burn|burnt|throw|threw ~3 my|his|her ~2 drawings|things|stuff|toys|phone|work|tablet|talker|ipad|book|pictures',
      'laugh|laughs|laughed|laughing|mock|mocks|mocked|mocking ~3 me|him|her|at ~5 disability|autism|autistic|talk|speech|stammer|fits|wheelchair|try|cry',
      'devil|demon|evil|spirit ~3 inside|in ~2 me|him|her',
      'drown|drowned|kill|killed|hurt|hurts|kick|kicked ~3 my|his|her ~1 pet|dog|cat|kitten|puppy|rabbit|hamster',
      'stand|stood|kneel|sit ~5 corner|hours|all night|outside',
      'reason|fault|blame|blames|blamed ~4 mum|dad|left|died|divorce|ill|sad',
      'walk|walking ~1 on ~1 eggshells',
      'punish|punishes|punished|punishment ~6 me|him|her|by|for',
      '=controlling ~2 me|everything|what i|who i|where i',
      'put|puts ~1 me|him|her ~1 down',
      'never ~3 good enough',
      'nobody|noone ~3 ever ~2 want|love|help|like|care|take',
      'got rid of|get rid of|gave away ~2 my|his|her ~1 pet|dog|cat|rabbit|puppy|kitten|hamster|guinea',
      'next ~1 time ~3 it ~2 be ~1 me',
      'normal ~1 one|child|kid|son|daughter',
      'nobody|noone|not ~3 speaks|talks|talk|speak ~2 to ~1 me|him|her ~6 days|weeks|hours|punish',
      'like ~2 i am|im|he is|she is ~1 invisible|not there|nothing',
      'called|call|calls|calling ~2 @insult',
      '@insult ~2 @insult ~2 @insult',
      'punishment|punish|curse|cursed ~4 from ~1 god|allah',
      'wish ~4 send|give|sent|gave ~2 back|away',
      'not|never ~1 =wanted|=loved',
      'unwanted|unloved',
      'say|says|said|tell|tells|told ~4 i|im|am|is|are ~2 no ~1 good',
      'dead ~1 to ~1 her|him|them|me|us',
      'only ~3 for ~2 the ~1 money',
      'like ~1 a|an ~1 dog|animal|slave|rubbish|servant',
      'call|calls|called|calling ~2 @insult ~1 @insult'
    ],
    unless: []
  },
  {
    // A communication aid, hearing aid, wheelchair or glasses hidden or taken from a child; not when it went
    // to be repaired, serviced or charged ("dad took my glasses to get them fixed").
    category: 'emotional',
    patterns: [
      'hide|hides|hid|take|takes|took ~2 my|his|her ~1 talker|device|ipad|=tablet|aac|hearing|wheelchair|glasses|communication',
      'take|takes|took ~2 my|his|her ~3 defenders|talker|device|ipad|aids',
    ],
    unless: ['@repair'],
    unlessWindow: 6
  },
  // ---------- sexual abuse ----------
  {
    category: 'sexual',
    patterns: [
      'touch|touches|touched|touching|feel|felt|grope|groped|rub|rubs|rubbed|fiddle|grab|grabs|grabbed|kiss|kissed|kisses|lick ~4 @private',
      'touch|touches|touched|touching|grope|groped|fondle|fondled|molest* ~2 me|him|her|us',
      'make|makes|made|want|wants|wanted|ask|asks|asked|tell|told|force|forced ~3 me|him|her ~3 touch|suck|watch|undress|strip|kiss|take|lie|lay|sit|show',
      'show|shows|showed|shown|watch|watched ~4 porn|rude|dirty|naked|sex|adult|willy|videos ~2 of ~1 people',
      'porn|porno|pornography|sex|sexual|sexually|rape|=raped|=raping|molest*|pervert|paedo|paedophile|nonce|incest|assault* ~0',
      '@person ~4 get|gets|got|come|comes|came|climb|climbs ~3 into|in ~2 bed ~3 with ~1 me|her|him',
      '@image ~3 of ~1 @private',
      '@private ~4 touch|touched|touches|grab|grabbed|rub|rubbed|lick|licked',
      'wee|pee|toilet ~3 hurts|stings|sore|bleed|blood',
      'sting|stings|hurts|sore|bleeds ~3 when ~2 i ~1 wee|pee',
      'watch|watches|watched|stare|stares|stared|look|looks|looked ~3 me|him|her ~4 changed|changing|undress|undressed|shower|bath|naked|body|get changed',
      'bathroom|shower|bath|changing ~8 come|comes|coming|came|walk|walks|stare|stares|watch|watches|keeps|leave',
      'come|comes|coming|came|walk|walks|tryna|trying ~6 bathroom|shower|bath|changing',
      'kiss|kisses|kissed ~3 me|him|her ~4 lips|tongue|mouth|neck|bed|secret|not tell',
      'nothing|no clothes ~1 on',
      'make|makes|made ~2 me|him|her ~2 look|watch',
      'under ~2 covers|duvet|blanket|sheets|clothes|top|pants|knickers|shorts|skirt|dress',
      'say|says|said ~3 i|im|she|he ~1 am|is|was ~1 his|her ~1 girlfriend|wife|boyfriend|special',
      'grown ups|adults|grownups ~2 and ~1 kids|children ~4 love',
      '@harmer ~4 my|his|her ~1 bed',
      'did|do|does|done ~2 stuff|things ~2 to ~1 me|him|her',
      'come|comes|came|get|gets|got|climb|climbs ~3 into|in ~2 my|his|her ~1 bed|room|bath|shower',
      'sleep|sleeps|slept|lie|lies|lay ~2 in ~1 my ~1 bed',
      'our|special|little ~1 secret|game',
      'special|secret ~1 game|games|cuddles|cuddle',
      'take|takes|took ~2 my|his|her ~1 clothes|pants|knickers|trousers|top ~1 off',
      'do|did|does|done ~3 stuff|things ~3 to ~1 me|him|her ~6 not|didnt|want|like|hurt|secret|tell|bed|night',
      'down there|down below',
      'door ~1 shut|locked ~4 his|her ~1 hand|hands',
      'his|her ~1 hand|hands ~4 door ~1 shut|locked',
      'makes|made|make ~1 me ~1 do ~1 stuff|things',
      'if ~1 i ~1 love|loved ~1 him|her ~2 i ~1 would',
      'hand|hands|fingers ~2 in|down|up|under|inside ~1 my|her|his ~1 trousers|pants|knickers|top|skirt|shorts|bra|clothes',
      'what ~2 dads|daddies|uncles|grownups|grown ups ~3 and ~1 daughters|sons|kids|girls|boys ~1 do',
      'just ~2 not ~1 talk ~1 about ~1 it',
      '@harmer ~8 i ~1 said ~1 no|stop',
      'door ~1 locked ~4 said ~1 no|stop',
      'sexy|sexual|sexually ~0',
      'rubs|rubbed|strokes|stroked|touches|touched ~2 my|his|her ~1 knee|leg|legs|thigh|back|hair|face|neck|bum',
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
      'fridge|cupboards|cupboard ~2 empty|bare',
      'feet|toes ~2 bleed|bled|bleeding|hurt',
      'broken ~2 since ~4 nobody|noone|not|never',
      'crawl|crawling ~3 round|around|to',
      'not ~1 answered|answer|answering ~3 calls|phone|emails|letters',
      'heating|boiler|electric|water|lights ~3 not ~1 work|working|on',
      'mess|poo|wee|sick ~3 on ~1 the ~1 floor',
      'damp|mould|mouldy|wet ~4 mattress|bed|walls|bedroom',
      'nobody|noone ~2 comes|come|home ~2 till|until|late|home',
      'empty ~1 fridge|cupboards|cupboard',
      // Hunger said with the body: "an empty tummy", "my belly is empty", "stomach rumbling all night".
      'empty ~1 tummy|belly|stomach|tum',
      'tummy|belly|stomach|tum ~2 is|was|feels|felt|always ~1 empty',
      'tummy|belly|stomach|tum ~3 rumbling|rumbles|rumbled|growling|growls|growled ~4 night|nights|bed|all day|every|always|school|morning',
      'nobody|noone ~2 picks|pick|collect|collects|collected|picked ~2 me|him|her|us ~1 up',
      'not ~1 been ~1 up|awake ~3 days',
      'home|house|flat ~6 no|never|nothing|not ~3 @neglectNeed',
      '@family ~4 not|never ~4 @neglectNeed',
      'left|leave|leaves ~4 on ~1 my|his|her|their ~1 own',
      'left ~3 alone',
      'only ~1 breakfast|meal|food|dinner|hot meal ~4 get|eat|have',
      'never|no ~2 grown up|adult|grownup|grown ups|adults ~2 around|home|there|in',
      'put|get ~1 myself ~2 to ~1 bed|up',
      'starving|starve|hungary|hungry|hunger',
      'go|went|goes ~2 to ~1 bed ~1 hungry',
      'only ~2 eat|meal|food ~4 school|club|break|nursery',
      'eat|eats|ate ~3 out|from ~2 bin|bins',
      'steal|steals|stole|nick|nicked ~2 food',
      'food bank',
      'cold ~3 all|every|always|night|house|home|bed|coat',
      'sleep|sleeps|slept ~3 in ~2 coat|clothes',
      'sleep|sleeps|slept ~3 on ~2 floor',
      'same ~1 dirty|clothes|uniform',
      'dirty|smelly|smell|smells|stink|stinks|wet|soiled ~3 clothes|bed|uniform|nappy|pad',
      'nobody|noone|not|never ~4 wash|washes|washed|change|changes|changed|clean|cleans|cleaned|feed|feeds|fed|cook|cooks|cooked|check|checks|care|cares|bother|notice|notices|fix|fixed|sort|sorted|sorts|replace|replaced|buy|bought',
      'nobody|noone ~2 got|get ~1 me|him|her ~2 new',
      'make|made|cook|cooked ~2 my ~1 own ~1 food|dinner|tea|meals|breakfast',
      'only ~2 dry|cold ~1 cereal|bread|toast',
      'too ~2 out of it|drunk|high|wasted|stoned ~3 to ~1 notice|care|get up|look',
      'not ~2 go|take ~4 clinic|hospital|appointments|appointment|doctor|dentist ~4 anymore|far|bother|cant be bothered',
      'left|leave|leaves|leaving ~3 me|him|her|us|them|alone|own|baby ~8 alone|own|night|nights|day|days|hours|weekend|flat|house|home|car|pub|overnight',
      'home|house|flat ~1 alone',
      'on ~1 my|his|her|our ~1 own ~4 night|nights|weekend|all day|days|hours|every|overnight',
      'look|looks|looking|care|cares ~1 after ~1 my|his|her|our ~2 little|baby|brother|brothers|sister|sisters|siblings|mum|dad',
      'mum|dad|mother|father|parent|carer ~4 always|every|all ~2 drunk|high|asleep|bed|passed|drinking|stoned|out|sleeping',
      'drunk|stoned|wasted|passed out|off her face|off his face|off their face|smashed',
      '@harmer|mum|dad|parents|they|he|she ~2 is|was|were|are|gets|got|get|been|getting ~1 high ~0',
      'high ~2 again|every|all the time|on drugs|on weed|on something|off|as a kite',
      'drink|drinks|drinking|drugs|drug ~4 all|every|always|day|night|instead|money|again|lot',
      'mum|dad|mother|father|parent ~3 drink|drinks|drank|drinking|drugs|smoke|smokes|needles',
      'asleep|sleep|sleeps|bed ~3 most|all ~2 day',
      'needles|syringes ~4 house|home|floor|kitchen|mum|dad|bedroom|flat|around',
      'mice|rats|mouse|rat|mould|mouldy|cockroaches|maggots|poo|wee|rubbish|flies ~4 floor|house|kitchen|flat|everywhere|bed|room|home',
      'holes|hole|broken|too small|ripped|falling apart ~3 shoes|coat|clothes|uniform|bed',
      'shoes|coat|clothes|uniform ~3 holes|hole|too small|ripped|broken',
      'toothache|tooth ache|teeth ~5 months|weeks|hurt|rotten|black|brown|holes',
      // Care that needs an adult to happen: "nobody takes me to the dentist", "no one ever took him to the doctor".
      'nobody|noone|no one|never|not ~3 take|takes|took|taken|bring|brings ~2 me|him|her|us|them ~3 dentist|doctor|doctors|gp|hospital|appointment|appointments|clinic|opticians|optician|eye test|hearing|check up|checkup',
      // A parent too ill, low or out of it to look after anyone: "mum sleeps all the time".
      'mum|dad|mother|father|parent|carer|nan|gran ~3 sleeps|sleeping|asleep|stays in bed|in bed|lies in bed|on the sofa ~3 all the time|all day|every day|most days|always|never gets up',
      'miss|missed|missing ~4 appointment|appointments|operation|hospital|dentist|doctor|therapy|physio|checks|check|checkups|clinic',
      'ran out of|run out of|no more ~3 medicine|medication|meds|tablets|inhaler|insulin|nappies|pads|food|milk',
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
    unless: ['school dinners|school dinner|packed lunch|canteen|plain|fussy|vegetarian|vegan|allergic|diet|ramadan|fasting|snack|snacks|after swimming|after football|after pe|lunchtime|camping|appetite|not hungry', 'bring ~1 my|your ~1 own', 'team|match|exams|exam|revision|revising|league|wrestler|wwe|greenhouse ~4 smash|smashed|smashes|smashing', 'smash|smashed|smashes|smashing ~4 team|match|exams|exam|revision|league|nil|greenhouse|records|record']
  },
  {
    // Going without: the most common sign of neglect, and the most common harmless remark about a club.
    category: 'neglect',
    patterns: ['no|never|not|nothing|without ~3 @neglectNeed'],
    unless: ['at the club|at club|on the trip|school dinners|packed lunch|canteen|fussy|vegetarian|vegan|allergic|diet|ramadan|fasting|appetite|adhd|not hungry', 'bring ~1 my|your ~1 own', 'eat ~2 our|my|his|her ~1 greens|vegetables|veg|broccoli|sprouts|peas|carrots|crusts', 'not ~1 swallow ~1 tablets|pills|medicine|capsules'],
    unlessWindow: 12
  },
  // ---------- domestic abuse ----------
  {
    category: 'domestic',
    patterns: [
      '@family ~4 @hit ~3 mum|dad|her|him|each|nan|mother|father|partner|wife|husband|girlfriend|boyfriend|sister|brother',
      'fight|fights|fighting|fought|argue|argues|argued|arguing|row|rows|rowing|=screaming|=shouting ~6 night|nights|always|every|all the time|hit|hurt|police|throw|smash|scared|hide|cry|wake|upstairs|again|home|house|downstairs|ears',
      'make|makes|made ~2 mum|her|nan ~1 cry',
      'get ~1 away ~2 from ~1 him|her|dad|them ~2 quick|fast|if|in case|before',
      'bag ~2 packed',
      'has to|have to ~1 ask ~2 before ~2 she|he|i|mum ~2 can',
      '@family ~4 knife|knives',
      'rang|called|ring|call ~1 999|police ~6 @family|he|him|scared|mum|dad',
      'reads|read|checks|check ~2 my|her|mums ~1 emails|messages|texts|phone',
      'not allowed ~3 without ~1 him|her',
      'angry ~4 if ~2 i|she|mum ~1 talk|speak|tell|go|see',
      'can not|cant ~1 find ~1 us|me|mum',
      'hide|hiding|hid ~3 from ~1 dad|him|her|mum',
      'throw|throws|threw|thrown|smash|smashes|smashed|break|breaks|broke|punch|punches|punched|kick|kicks|kicked ~3 things|plate|plates|cup|cups|glass|tv|phone|chair|furniture|door|wall|window|stuff|table|hole',
      'police ~4 round|house|home|took|take|night|arrested|took|again',
      'things ~2 rough|bad|scary|kicking off ~3 since ~2 he|she|they|him',
      'control|controls|controlled|controlling ~3 mum|money|her|phone|where|everything',
      'not ~1 let|lets|allow|allowed ~2 mum|her ~3 out|go|see|have|phone|money|friends|work',
      'refuge|restraining order|injunction|safe house|womens aid|women aid',
      'leave|left|run|ran|escape|escaped ~3 in the night|middle of the night|from him|from her|from dad|from mum',
      'temper|angry|rage|raging|drunk ~6 @hit|smash|throw|scream|shout|scared|hurt|hide|police|mum|dad|door|wall',
      'strangle|strangled|choke|choked|throttle|throttled ~3 mum|her|him|dad',
      'kill|murder|hurt ~2 mum|dad|her|him|us|everyone|the family|the dog',
      'domestic ~1 violence|abuse',
      '=dv ~0',
      'violent|violence ~4 @family|he|him|home|house|to ~1 mum|me'
    ],
    unless: ['football|telly|ref|referee|match|goal|cheer|cheering|concert|fire alarm|fire drill|hide and seek|alarm|thunder|fireworks|film|movie|game|wrestler|wwe', 'check|checks|checked ~2 my ~1 phone ~6 keep me safe|safe online|parental controls|screen time|i do not mind|i dont mind']
  },
  {
    // Mum crying is a sign only when nothing says it was happy or sad for an ordinary reason.
    category: 'domestic',
    patterns: ['mum|mother|nan|aunt ~3 cry|cries|cried|crying|bruise|bruises|bruised|black eye|hurt|scared|bleeding|blood'],
    unless: ['proud|happy|laughing|laughed|wedding|funeral|assembly|graduation|film|movie|joy|leavers|grandad|grandma|died|passed']
  },
  {
    // Hiding from someone at home, not from a fire alarm or in a game.
    category: 'domestic',
    patterns: ['hide|hides|hid|hiding ~3 room|upstairs|bedroom|wardrobe|cupboard|bathroom|under|bed|garden'],
    unless: ['fire|alarm|drill|thunder|fireworks|hide and seek|game|loud|noise|dog|spider|surprise|party|wasp|bees'],
    unlessWindow: 12
  },
  // ---------- online abuse and grooming ----------
  {
    category: 'online',
    patterns: [
      'nude|nudes|naked|sexy|rude|dirty|topless|underwear|bra|boobs|privates ~3 @image|pic|pictures|photo|photos|video|videos|snaps|picture',
      '@image ~4 of ~1 me|him|her|my|his ~3 naked|nude|body|underwear|bra|pants|boobs|chest|bath|shower|without|topless|bed|privates',
      'send|sends|sent|sending|share|shared|post|posted|show|showed ~4 @image ~4 of ~1 me|myself|him|her|my body|his body|her body|body',
      'ask|asks|asked|asking|want|wants|wanted|tell|tells|told|make|made|keep|keeps|kept|beg|begs|pressure|pressured|pressures|bugging|nagging ~4 me|him|her ~4 send|sending|show|take|taking|film|strip|undress|video|camera|webcam|pictures|picture|photo|photos|nudes',
      'meet|meeting|met ~6 someone|man|guy|him|her|person|stranger|boy|girl ~6 online|internet|game|app|snapchat|instagram|tiktok|discord|roblox|fortnite',
      'meet|meeting|link|linking ~3 up ~6 him|her|someone|man|guy|online|secret|alone|not tell|station|park|town',
      'not ~1 tell ~1 my|your ~1 mum|dad|parents|carer|family',
      '@online ~8 want|wants|wanted|asks|asked|keeps|asking ~4 meet|address|where i live|come round|pick me up|secret|send|pics|photo|video|alone',
      'nude|nudes ~0',
      'mature ~3 for ~2 my|your|her|his ~1 age',
      '@person ~4 want|wants|asks|asked|keeps asking|asking ~3 @image|pics|pictures|photos',
      'got|made ~1 me ~2 to ~1 go ~2 on ~1 video|camera|live|webcam',
      'recorded|filmed|screenshotted ~2 it|me ~8 website|online|posted|everyone|internet',
      'pic|picture|photo|pics ~3 of ~1 himself|herself ~2 in ~1 bed|bath|underwear|shower|pants',
      'asked|asks|wants ~2 for ~1 one ~1 back',
      'not ~1 like ~1 other ~1 girls|boys|kids',
      'delete|deleting ~3 messages|chat|chats|dms|texts ~4 every|night|so|because|before|mum|dad|nobody',
      '@online ~6 dare|dares',
      '@online ~6 who ~2 is ~3 20|25|30|40|50|old|older|grown',
      'boyfriend|girlfriend ~2 met ~2 on|online',
      'video call|facetime|call|calls ~4 bath|bathroom|shower|bed',
      'men|man|adults|strangers ~2 keep ~1 adding|messaging|following ~1 me',
      'unless ~3 pay|pays|money|send|sends',
      'buys|buy|bought|gives|gave ~2 me|him|her ~2 skins|robux|vbucks|gifts|gift cards',
      'secret ~1 chat|account|phone|snapchat|group',
      'says|said ~2 i am|im|she is|he is ~1 special|mature|different',
      'told|tells|asked|asks ~2 me|him|her ~2 to ~1 delete',
      'posted|sent|gave|bought ~2 me|him|her ~2 a ~1 phone',
      'put|posted|shared ~2 them|it|my ~4 group|online|internet|everyone|school',
      'turned out ~2 to ~1 be ~2 older|old|man|adult|grown',
      'knows|found out|know ~3 where ~1 i ~1 live|go',
      'knows ~2 which|what ~1 street|school|house|road',
      'facetime|video call|call|live ~6 alone|bedroom|private|secret',
      'has|have|got ~2 my ~1 photos|pics|pictures|videos|picture|photo ~8 everyone|share|post|see|show',
      'delete|remove ~3 photos|pictures|video|pics|picture|photo ~4 internet|online|for good|everywhere',
      'man|guy|someone|he|person ~4 on ~1 there|it|tablet|game|phone|app ~6 asked|asks|wants|made|told ~2 me ~2 to ~1 do',
      'keeps|keep ~2 finding|messaging|contacting|following ~1 me',
      'got|made|make|makes ~1 me ~2 to ~1 do ~2 things|stuff',
      'parents|mum|dad|family ~2 would not|will not|not ~1 understand',
      'come ~2 to ~1 my ~1 school|house|home ~4 find|if',
      'if ~1 i ~1 block',
      'do not|should not|not to|never ~1 tell ~2 anyone|anybody|your|mum|dad|parents|nobody|teachers|family',
      'train|bus ~1 ticket|tickets ~6 see|meet|come|visit|stay|go',
      'my ~1 pictures|pics|photos|nudes|videos|picture|photo ~4 everyone|everybody|whole school|round',
      'older|age|years old|old ~6 than ~3 said|says|say|thought|pretend|pretended|told',
      'lie|lied|lies|lying|pretend|pretended|pretending|fake ~4 about ~2 age|his age|her age|who',
      'say|said|says|claim|claimed ~2 he|she|they ~1 was|is|were ~2 fifteen|fourteen|sixteen|thirteen|twelve|my age|our age|a kid|a girl|a boy|15|14|16|13|12|17',
      'threaten|threatens|threatened|will|gonna|going ~8 share|post|send|show|leak|put ~4 @image|it|them|online|everyone|school|family|mum|dad|friends',
      'pay|money|gift|card|vouchers|bitcoin ~5 or ~3 share|post|send|show|leak|tell|everyone',
      'blackmail|blackmailed|blackmailing|sextort|sextortion|catfish|catfished',
      'groom|groomed|grooming|groomers',
      'delete ~3 messages|chat|chats|dms ~3 so|because|mum|dad|nobody|noone|before|secret',
      'webcam|camera|facetime|video call ~6 clothes|strip|naked|undress|touch|bed|body|privates|weird',
      'gave|give|gives|buy|buys|bought|send|sent|sends ~3 me|him|her ~3 robux|vbucks|skins|credit|gift|gifts|gift cards|money ~6 @image|pics|pictures|photos|send|if|for|secret',
      'man|men|guy|stranger|someone|person|adult|older ~5 online|game|snapchat|instagram|tiktok|discord|roblox|fortnite|app ~8 message|messages|messaged|asks|asked|wants|love|secret|meet|send|pics|body',
      'screenshot|screenshotted|screen recorded|recorded ~4 me|him|her|video call|call|chat',
      '=shared|=spread|sent round|went round|going round|=posted ~5 @image|pictures|pics|nudes|video|photos',
      'keep ~3 secret ~4 online|game|chat|messages|snapchat|friend'
    ],
    unless: ['dog|dogs|groomer|groomers|horse|horses|pony|ponies|pet|pets|cat|cats|fur|puppy|farm|stable|stables|mane|tail|tails|brush|brushing', 'what to do if|know to|knows to|how to spot|how to stay safe|block and report|report and block|block them and|blocked them and', 'groom|grooms|grooming|groomed ~2 people|children|kids|young people|teenagers|teens', 'cake|birthday|present|presents|surprise|party ~6 do not tell|dont tell|not tell', 'do not tell|dont tell|not tell ~6 cake|birthday|present|presents|surprise|party']
  },
  // ---------- sexual and criminal exploitation, county lines ----------
  {
    category: 'exploitation',
    patterns: [
      'county lines|trap house|=trapping|=shotting|=plug|=plugging|=cunch|going country|going cunch|=runner|=drops|deal|dealing|dealer|dealers|sell|selling|sold|sells|carry|carrying|hold|holding|stash|stashing|hide|hiding|keep|keeps ~3 @drug ~4 for|from ~2 @person|them|him',
      'deal|dealing|dealer|sell|selling|sold|sells ~3 drugs|weed|coke|cocaine|crack|heroin|spice|ket|pills',
      'owe|owes|owed|owing|debt|debts ~4 @person|them|him|money|pay|work|off|back',
      'pay|pays|paid|give|gives|gave|buy|buys|bought ~3 me|him|her|us ~4 take|carry|deliver|drop|hold|go|do|sell|stuff|packages|parcels|bag|bags',
      'package|packages|parcel|parcels|bag|bags|stuff ~5 train|bus|town|towns|city|cities|another|other|open|look|deliver|take|carry|drop',
      'take|took|taken|taking|drive|drove|driven|go|went|gone ~4 to ~2 other|another|different|flat|house ~2 town|towns|city|cities|area|place|in',
      'older ~1 @person ~6 give|gives|gave|buy|buys|bought|pick|picks|picked|lift|lifts|car|cars|parties|party|money|cash|drugs|vodka|alcohol|fags|phone|trainers|hang|hanging|drive|pay',
      '@person ~4 give|gives|gave|buy|buys|bought|get|gets|got ~2 me|him|her|us ~3 @reward ~8 then|for|if|owe|have to|got to|nice|favours|favour|sleep|do|back|return',
      '@reward ~6 then ~4 owe|have to|has to|had to|got to|make|made',
      'loads|lots|bare|wad ~2 of ~1 cash|money ~5 new|trainers|from|where|older',
      'sleep|slept|sleeps|have sex|had sex|do stuff|did stuff|be nice ~3 with ~3 his|their|friends|mates|men|man|them|people',
      'pass|passed|passes ~2 me|her|him|around|round',
      'parties|party ~4 older|men|man|drugs|alcohol|vodka|drunk|strangers|houses|flats',
      'pick|picks|picked|picking ~2 me|him|her|up ~5 car|cars|men|man|older|different|strangers',
      'men|man|lads|boys|guys|older ~3 in ~1 car|cars|vans',
      'answer|answering ~2 a|the ~1 phone ~5 give|bags|people|drugs',
      '=gang|=gangs|=opp|=opps|=olders|=elders|=youngers|=shank|=shanked|=wap|=mandem|=shotting|=cunch|=trapping|=plugging ~0',
      'bag|package|parcel|parcels|packages ~6 not know|cant look|can not look|not allowed ~3 in|inside|what|open|look',
      'do|doing|did|phone ~2 =drops|=runs|=deliveries',
      'go|going|went ~1 =ot',
      'if ~1 i ~1 not ~1 go ~4 come|hurt|get|beat|stab',
      'pay|paid|pays ~2 for ~1 my ~1 train|travel|tickets|taxi|uber',
      'can not ~1 say ~1 no',
      'move|moving|moved ~1 food|bits|packs|packages|stuff|parcels',
      '=plugged|=plugging|=feds',
      'pays|paid|pay ~1 me|us ~2 to ~1 move|carry|hold|take|drop|sell|run|deliver',
      'give|gives|gave ~2 us|me|him|her ~2 weed|drugs|vodka|alcohol|fags|vapes|pills ~3 free',
      'owe|owes|owed ~2 the ~1 =plug|dealer|man|lads|olders',
      'run ~1 for ~1 him|them',
      'up ~1 my ~1 bum|bottom',
      'carry ~3 stuff|things|drugs ~4 train|bus|bum',
      'not ~1 get ~1 caught|stopped ~3 because',
      '=running|=run ~2 for ~2 them|him|older|boys|lads|man|men',
      '@reward ~4 and ~2 two|2|second|new ~1 phones|phone',
      'disappears|disappeared|vanishes|vanished ~6 days|nights|train|weekend|weekends',
      'burner ~0',
      'sent|send ~2 to ~3 on ~1 the ~1 train|bus ~4 bag|package|parcel',
      'offer|offering|offers|offered ~2 lifts|lift|money|weed|vapes|drugs ~3 to',
      'drop ~1 off ~2 parcels|packages|bags|stuff',
      'drive|drives|drove|driven|take|takes|took ~2 me|him|her|us ~2 to ~1 places|towns|cities',
      'hand|hands|handing|give ~1 stuff|bags|packages|packets ~1 out',
      'have to|got to ~1 run',
      'stab|stabbed|shot|shoot|jumped|merk|merked|slash|shanked ~4 if|unless|lose|lost|snitch|grass|talk|tell|dont',
      'part ~1 of ~1 the ~1 family|gang|crew',
      'sugar daddy|boyfriend ~4 years older|25|26|27|28|29|30|31|32|33|34|35|40|man'
    ],
    unless: []
  },
  {
    // New things from nowhere: a sign of grooming for exploitation, and also of every birthday and Eid.
    category: 'exploitation',
    patterns: ['new|second|another|burner|extra ~1 phone|phones|trainers|clothes|money|cash ~5 from|cant|dont know|where|nobody|older|man|boys|lads|buy'],
    unless: ['birthday|christmas|eid|diwali|aunt|aunties|nan|grandma|grandad|present|presents|pocket|mum|dad|job|wages|saved|saving']
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
      'push|pushes|pushed|trip|trips|tripped|shove|shoved ~2 me|him|her ~3 over|down|stairs|into|off|wall|floor|ground|up',
      'stamp|stamps|stamped ~2 on ~1 my|his|her',
      'cornered|surrounded|trapped ~2 by',
      'flush|flushed|flushing ~2 head',
      'make|makes|made ~1 me|him|her ~1 eat ~3 floor|bin|dirt|grass|bugs|worms',
      'get|gets|got|getting ~1 tripped|pushed|kicked|punched|hit|beaten|jumped|battered|stabbed|merked|shanked',
      'know|no|knows ~1 where|were ~1 i ~1 live',
      'memes|pictures|videos ~2 of|about ~1 me|him|her',
      'sharing|share|shared ~3 of|about ~1 me',
      'fake ~1 account|profile|page ~3 of|about ~1 me|her|him',
      'throw|throws|threw|chuck|chucks|chucked ~2 things|stuff|stones|food|water|rocks|eggs ~2 at ~1 me|him|her',
      'steal|steals|stole|nick|nicks ~2 my|his|her ~1 lunch|money|dinner|phone|bag|stuff|things|trainers|coat',
      'up ~2 my|her ~1 skirt|dress',
      'tip|tipped|tips|push|pushed ~2 out ~2 of ~2 wheelchair|chair|it',
      'get|gets|got ~1 @hit|tipped ~4 by ~2 kids|boys|girls|older|lads|year',
      'say ~2 and ~1 do ~2 to ~1 me|him|her',
      'pretend ~2 to ~1 be ~1 sick|ill ~6 because|so',
      'boys|girls|kids|lads ~4 my ~1 face|bag|head ~4 every|again|day',
      'my ~1 photo|picture|pics|pictures ~6 everyone|laughing|laugh|round|group chat',
      'wait|waits|waiting|waited|follow|follows|followed ~2 for|me|him|her ~4 after|outside|home|school|gate|gates|stop|bus',
      'jump|jumped|rush|rushed|gang|ganged|surround|surrounded ~1 me|him|her|on',
      'scared|scare|afraid|frightened|dont want|not want ~3 go|going ~2 to ~1 school|college|club|class|lessons|toilets|playground|bus|taxi',
      'eat|eats|ate|hide|hides|hid|sit|sits ~3 in ~1 the ~1 toilet|toilets',
      'nobody|noone ~2 sit|sits|play|plays|talk|talks ~2 with|to ~1 me|him|her',
      'tell|tells|told|say|says|said ~3 me|him|her ~2 to ~2 kill|die|hang|cut|kys',
      'kill yourself|go die|kys|neck yourself|unalive yourself',
      'sexual ~1 comments|jokes|names|harassment',
      'rate|rates|rated|rating ~2 girls|boys|bodies|body|us|them',
      'upskirt|upskirting|pull|pulls|pulled|snap|snaps|snapped|ping|pinged ~2 my|her ~1 bra|skirt|pants|trousers|knickers|shorts|strap',
      'threaten|threatens|threatened|threatening ~3 me|him|her|to',
      'group chat ~6 laugh|hate|mean|horrible|names|left|kicked|out',
      'group chat|chat|page|account ~3 made|set up|started ~2 about ~1 me|him|her',
      'make|makes|made ~2 me|him|her ~3 fun',
      'hate ~3 page|account|group|chat|comments'
    ],
    negatable: true,
    unless: ['anti bully*', 'bully* ~1 week|policy|assembly|ambassador|ambassadors|lesson|lessons|project|poster|workshop|talk|day|month|campaign|charter|club', '=film|=movie|=book|=story|=programme|=play|=show', 'playing|played|play ~1 the ~1 bully|bullies ~0', 'drama|acting|script|role play|our play', 'ball|goal|dodgeball|football|netball|rugby|tackle|accident|accidentally', 'at ~2 fifa|xbox|chess|cards|game|games|race|fortnite|football|tennis|pool|darts|uno|monopoly|mario']
  },
  {
    // Eating or hiding apart: the toilets always alert; the library only without a harmless reason (noise, books).
    category: 'child-on-child',
    patterns: ['eat|eats|ate|hide|hides|hid|sit|sits ~3 in ~1 the ~1 library'],
    unless: ['noise|noisy|loud|quiet|quieter|calm|calmer|sensory|busy|prefer|read|reading|book|books|better|like it'],
    unlessWindow: 10
  },
  // ---------- self-harm ----------
  {
    category: 'self-harm',
    patterns: [
      'cut|cutting|cuts|burn|burning|burns|burnt|scratch|scratching|scratches|hit|hitting|hits|punch|punching|bang|banging|bangs|hurt|hurting|hurts|harm|harming|harms|pinch|pinching|bite|biting|bit|starve|starving|punish|punishing|punishes|carve|carving|slap|slapping|pull|pulling ~2 @selfObj',
      'cut|cutting|cuts|burn|burning|burnt|scratch|scratching|carve|carving|slice|slicing|cutted ~3 my|his|her|their ~2 arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|tummy|hip|hips|body|belly|chest|ankle|ankles',
      'self ~1 harm|harming|harmed|injury|injure|hurt|destruct|destructive|destruction',
      'blade|blades|razor|razors|sharpener|sharpeners|shaver|scissors|compass ~8 arm|arms|wrist|leg|legs|skin|thigh|thighs|stomach|myself|hide|hid|room|again|use|used|bathroom|bedroom|sleeves|take apart|took apart|keep|kept|pencil',
      'scar|scars|scarred|cuts|marks|burns ~4 on ~1 my|his|her ~1 arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|stomach|body',
      'hide|hiding|hid|cover|covering ~3 my|his|her ~2 arms|scars|cuts|wrists|legs|marks',
      'long ~1 sleeves|sleeve ~6 summer|hot|hide|cover|so|because|always|even|arms',
      'relapse|relapsed|relapsing|clean|urges|urge ~4 days|weeks|months|again|cut|cutting|harm|self|blade',
      'bang|banging|bangs|hit|hitting|hits ~2 my|his|her ~1 head ~3 wall|walls|floor|door|things|against|till|until',
      'pull|pulling|pulls|rip|ripping ~2 my|his|her ~1 hair ~2 out',
      'make|makes|made|making ~1 myself|himself|herself ~1 sick|throw|bleed|hurt|pay',
      'not|stop|stopped|stopping|quit|refuse|refused|refusing ~2 eat|eating ~5 punish|deserve|fat|hate|control|days|weeks|thin|skinny|weight',
      'deserve|deserves|deserved ~3 pain|hurt|it|to hurt|to suffer|punishing|bad things',
      'overdose|overdosed|od|ods ~0',
      // "OD'd" without its apostrophe is "odd": only with what was taken or when ("odd socks" is not).
      'i|he|she|they|nearly|almost|had ~1 odd ~4 on|last|again|yesterday|pills|tablets|paracetamol|meds|hospital',
      'take|took|taken|taking|swallow|swallowed ~4 loads|lots|too many|handful|packet|whole|all|bunch ~3 pills|tablets|paracetamol|meds|medicine|pill',
      'pills|tablets|paracetamol ~6 to ~1 feel|sleep|die|not wake|myself',
      'feel ~2 pain|something ~3 cut|cutting|blade|burn|hurt',
      'hurt|hurting ~1 myself ~0',
      'cut|cutting ~3 started|start|starting ~1 again',
      'my ~1 arms|legs|wrists|skin|thighs ~4 bleed|bled|bleeding',
      'cut|cutting ~2 again|still|every|a lot|loads',
      'cut|cutting ~10 started again',
      'not ~2 see ~3 my ~1 arms|legs|wrists|thighs|scars',
      'tops ~1 of ~1 my ~1 legs|arms',
      'plasters|bandages|plaster|bandage ~12 arm|arms|wrist|wrists|legs|thighs',
      'say ~3 the ~1 cat|dog ~1 did',
      'pain ~6 helps|quiet|calm|only thing|better',
      'doing|do|did ~1 stuff|things ~2 to ~1 my ~1 arms|legs|wrists|skin',
      'arms|legs|wrists|skin ~10 doing|did ~1 stuff|things ~1 to ~1 them',
      'cuts|scars|marks|burns ~3 arms|legs|wrists|thighs|stomach',
      'pick|picking|picked ~2 my ~1 skin',
      'deserve|deserved|deserves ~3 to ~1 be ~1 hungry|hurt|punished|in pain|alone',
      'sharp ~1 things|objects|stuff ~6 because|arms|allowed|hide|taken',
      'burn|burns ~1 marks',
      'stash ~2 of ~1 blades|razors|pills|tablets',
      'straighteners|lighter|iron ~4 arm|arms|skin|legs|myself',
      'pull|pulled|pulling ~2 out ~4 hair',
      'bald ~1 bit|patch|patches|spot',
      'till|until|til ~2 it|they|i ~1 bled|bleed|bleeds|bleeding'
    ],
    unless: ['slice|cake|piece|sandwich|bread|pizza|fringe|shaving|paper cut|cooking|kitchen knife|onion|onions', 'cat|cats|kitten|dog|puppy|rabbit|hamster|guinea pig|brambles|thorns|nettles|rose bush ~3 scratch|scratched|scratches|bit|bite']
  },
  // ---------- suicidal thoughts ----------
  {
    category: 'suicidal',
    patterns: [
      'suicide|suicidal|suicid*|sucide|suiside|kill myself|killing myself|killed myself|kill herself|kill himself|kill themselves|killed himself|killed herself',
      'kill|end|take|killing|ending|taking|ended|took ~2 my|his|her|their|own ~1 life|lives',
      'want|wants|wanted|wanting|wish|wishes|wished|like ~2 to ~1 die|dead|disappear|not exist|not be here|be gone|go to sleep forever|sleep forever',
      'want|wants|wanted|wish ~2 i|he|she|to ~1 was|were|be|am|could ~2 dead|die|gone|never born|not alive|not here|disappear',
      'not|never ~2 want|wanna|wish ~2 to ~2 live|be alive|be here|exist|go on|carry on|be around|be born',
      'better ~1 off ~2 without ~1 me|him|her|dead',
      'no ~1 point ~2 in|to ~2 living|live|life|being|anything|going on|carrying on|existing|me|trying',
      'no ~1 point ~2 anymore',
      '=end|=ending ~0 =it|everything|things|my life',
      'not ~2 be|be here|here|around ~3 much longer|anymore|for long|tomorrow|next|soon|christmas',
      'go ~2 to ~1 sleep ~3 never|not ~2 wake',
      'jump|jumped|jumping|step|stepped|walk|throw ~3 off|in front|from|into ~3 bridge|train|car|cars|bus|roof|building|cliff|window|road|motorway|river|sea|tracks|balcony',
      'hang|hanging|hanged ~1 myself|himself|herself|themselves',
      'noose ~0',
      'rope ~8 wardrobe|room|bedroom|use it|hide|hidden|bag|garage|shed',
      'rope ~4 neck|myself|hang|tie',
      'goodbye|good bye ~3 letter|letters|note|notes|message|everyone|everybody',
      'write|wrote|written|writing ~1 a ~1 note|letter ~4 mum|goodbye|sorry|everyone|family|when|find',
      'give|gave|giving ~2 my|away ~2 stuff|things|away|belongings',
      'nobody|noone ~2 would|will|wouldnt|miss|notice|care ~3 miss|notice|care|if|gone|dead|died',
      'happier|easier|better ~3 if ~1 i|he|she ~1 was|were|wasnt|gone|dead|died|not',
      'tired|sick ~2 of ~1 living|life|being alive|existing|everything',
      'plan|plans|planned|planning ~3 to ~1 die|end|do it|kill|when|how|overdose',
      'die|dying|dead ~4 soon|tonight|tomorrow|before|anyway|easier|better|want|wish|rather',
      'rather ~2 be ~1 dead',
      'what is|whats ~1 the ~1 point ~2 of ~1 living|life|me|being alive|anything|going on',
      'disappear ~2 forever|for good|never come back',
      'nobody|noone ~3 has|have ~2 to ~2 deal|worry|put up ~3 me',
      'if ~1 anything ~1 happens ~2 to ~1 me',
      'last ~3 ever',
      'thanks|thank you ~2 for ~1 everything',
      'how ~1 many ~1 paracetamol|pills|tablets',
      'looking up|searching|googled|google|searched ~3 how ~4 die|kill|many|overdose|hang|painless',
      'will not|not ~1 be ~2 an|a ~1 after|future|next year ~2 for ~1 me',
      'no ~1 future ~2 for ~1 me',
      'bridge|train|tracks|roof ~4 tonight|goodbye|bye|=done|friday',
      'want|wants|wanted ~4 die|dead',
      'saving|saved|save|stockpiling|collecting|hoarding ~2 my|up ~1 tablets|pills|meds|paracetamol',
      'for ~1 when ~1 i am|im ~1 ready',
      'stood|standing|stand ~3 bridge|edge|roof|platform|cliff',
      'nearly|almost ~1 jumped',
      'stop ~1 existing|living|being alive|being here',
      'letter|letters|note|notes ~6 goodbye',
      'goodbye ~6 letter|letters|note|notes|hid|hide',
      'giving|gave|give ~1 away',
      'will not ~1 need ~1 them|it|anything|this ~2 after',
      'edge ~3 bridge|roof|cliff|platform|building',
      'nearly|almost ~1 did ~1 it',
      'i am|im ~2 burden',
      'happier|easier|better ~3 with|without ~1 me ~1 gone|dead|here',
      '=gone ~1 forever',
      'last ~1 survey|message ~4 i ~1 fill|write|ever',
      'think|thinking|thought ~2 about ~1 jumping|dying|ending|killing|hanging|disappearing',
      'tried ~2 to ~1 drown|hang|kill|overdose|end ~1 myself|me|it'
    ],
    unless: []
  },
  {
    category: 'suicidal',
    patterns: ['never|not ~2 wake|wake up', 'not|never ~2 want|wanna|wish ~2 to ~2 wake|wake up'],
    unless: ['early|school|alarm|lie in|college|lol']
  },
  {
    category: 'suicidal',
    patterns: ['will not|not going to|wont ~1 be ~1 here|around|alive'],
    unless: ['holiday|away|trip|visit|camp|moving|move|abroad|hospital|operation']
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
      'traitor|traitors|kafir|kuffar|infidel|apostate|degenerate|degenerates|cucks|normies ~0',
      'wants|want|wanted|going|planning|plans|talks ~3 to ~1 go|travel ~2 fight|syria|war|join',
      'truth ~3 about ~2 the ~1 jews|muslims|immigrants|blacks|them|elites|globalists',
      'only|true|real ~1 believers|patriots|warriors|brothers|soldiers',
      'shooter|bomber|terrorist|attacker|killer|shooting|shootings|attack|attacks|bombing ~6 hero|legend|right|idol|should',
      'something ~1 big ~3 prove',
      'paradise|heaven ~6 kill|killing|fight|die|martyr',
      'beat up|attack|hurt|kill|killing|burn|bash|hate ~3 pakistani|muslim|muslims|jewish|jews|black|asian|polish|immigrants|foreigners|refugees|migrants|gay|trans|white|non ~1 people|men|kids|lads|families|believers',
      'soldier|warrior|fighter ~4 for ~2 the|our ~1 cause',
      'for ~1 the|our ~1 cause',
      'given ~2 me ~2 new ~1 name',
      'been ~1 chosen',
      'against ~2 our ~1 way|people|religion|race|kind',
      'our ~1 way ~2 of ~1 life',
      'help|protect|defend|save ~2 our ~1 people|race|kind',
      'only ~2 they ~2 tell ~2 the ~1 truth',
      'for|are|is ~2 the ~1 enemy',
      'real|true ~1 enemy',
      'keep ~2 it|this ~1 from ~2 family|mum|dad|parents',
      'they ~1 say ~1 fight',
      '@group ~2 run|control|own|runs|controls ~1 everything|the world|the media|the banks|the government',
      'should ~1 hate ~1 them|@group',
      'goes|go ~1 bang|boom',
      '=be ~1 a ~1 hero|martyr',
      'hurt|attack|kill ~2 people ~2 who|that ~2 not ~1 from ~1 here',
      'our ~1 duty',
      'help|join ~2 the ~1 brothers',
      'die ~2 for ~2 the|our ~1 cause',
      'sort out|attack|burn|smash|target|bomb ~2 the ~1 mosque|synagogue|church|temple|gurdwara',
      'not ~1 belong ~1 here|in this country|in britain|in england',
      'make ~1 them ~1 leave',
      'sinners|sinner|kuffar|unbelievers|non believers ~0',
      'parents|family|everyone|teachers ~2 are|is ~1 brainwashed|sheep|asleep',
      'chosen ~3 mission|cause',
      '@group ~2 people ~2 bad|evil|scum|dirty|animals',
      'death ~1 to ~2 the|all|them|america|infidels|@group',
      'soldiers|fighters ~3 bombs|guns|weapons',
      'take ~2 our|the ~1 country ~1 back'
    ],
    unless: ['@lesson', 'learn|learnt|learned|learning ~3 about', 'cadets|british army|raf|navy|marines|engineer|engineers|mechanic|career|careers|apprenticeship|recruitment office', 'in ~1 re|rs|citizenship|religious studies|religious education ~3 we|they|our']
  },
  // ---------- FGM, forced marriage, honour-based abuse ----------
  {
    category: 'fgm-forced-marriage',
    patterns: [
      'fgm|cutting|cut|circumcis*|circumcise|circumcised|sunna|khatna|pharaonic|infibulation ~3 girls|girl|me|her|down there|private|privates|ceremony|become a woman|womanhood|tradition|traditional|pure|clean|special',
      'special|secret|big ~1 ceremony|procedure|party|celebration ~6 abroad|holiday|country|aunt|grandma|nan|girls|woman|cut|pain|summer',
      'become|becoming ~1 a ~1 woman ~6 ceremony|cut|holiday|aunt|nan|special|pain|summer',
      'pure|clean|purity ~6 girl|girls|before|marry|wedding|cut|ceremony',
      '@force ~8 me|i ~6 @marry',
      'make|makes|made|making|force|forcing ~2 her|him ~3 marry',
      'marry|marrying|married ~2 her|him|me ~3 to ~2 man|someone|cousin|stranger|uncle|friend',
      '@marry ~8 visa|back home',
      'was|were|be|get|got|been|getting ~1 cut ~4 like|holiday|abroad|sister|aunt|special|ceremony|in|when',
      'cut ~4 @abroad',
      'bring|brings|brought ~2 shame',
      'thing ~2 done ~2 to ~1 me|her',
      'sent|send ~2 back|away ~4 fixed|cured|married|marry',
      // A person or a body "to be fixed" ("they want me to be fixed"); a lift or a ramp "needs to be fixed" is not.
      'me|him|her|i|she|he|us|them|you|girl|girls|daughter|son|sister|brother|body|down there|privates ~2 to ~1 be ~1 fixed',
      'to ~1 be ~1 cured',
      'i|ill|me ~4 a ~1 husband|wife',
      'special ~1 thing|procedure ~3 done',
      'makes ~1 you ~1 clean|pure',
      'take|takes|took|taken|hide|hid|keep|kept ~3 passport|passports',
      'holiday|abroad ~4 ceremony|cutting|cut',
      '@marry ~4 mine',
      'cutting ~1 thing',
      'do|does|did ~2 the ~1 cutting',
      'came|come|comes ~1 back ~4 different|changed|in pain',
      'walking|walk|walks ~1 funny|strange|differently|weird',
      'not|couldnt|could not ~1 walk ~1 properly',
      '@marry ~6 picked|chose|chosen|found|arranged',
      'must|have to|got to ~1 marry',
      '@marry ~8 not ~1 understand',
      'taken|taking|take ~1 to ~1 @abroad ~8 @marry',
      '@marry ~6 man|someone|stranger|woman ~3 never ~1 met',
      '@marry ~10 not ~2 have ~1 a ~1 choice|say',
      'made|make|get ~1 clean|pure',
      'arrange|arranging|arranged ~4 marry|marriage|wedding',
      'man|husband|boy|wife ~3 they ~2 chosen|picked|found',
      'wedding ~2 clothes|dress|outfit|gold ~3 my ~1 size|for me',
      'wedding|married|marry ~6 im|i am|age ~1 12|13|14|15|16|17|twelve|thirteen|fourteen|fifteen|sixteen|seventeen',
      '@marry ~8 me ~6 @force|older|cousin|stranger|man|old|years|age|abroad|back home|dont know|never met|not want|dont want|wont|17|16|15|14|13|12|when i am|after school|finish school',
      'married|marry|wedding|engaged ~6 when ~2 i|she|he ~1 am|is|turn|finish|leave|16|17|18|older',
      'not|never|dont|do not ~2 want|wanna ~3 marry|married|wedding|husband|wife',
      'promise|promised|engaged|betrothed|given ~2 to ~2 a|an|my|his|her|man|cousin|someone|stranger|older|boy|husband',
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
    // A marriage the person chose: "she met him at uni and chose him herself".
    unless: ['chose|choose|picked ~3 herself|himself|themselves|myself', 'own choice|fell in love|love match', 'met ~3 at ~1 uni|university|college|work']
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
      'brought|bring|bringing|took|taken|smuggled|=trafficked|moved ~3 me|him|her|us|them ~3 here|over|to ~1 uk|england|britain|country|house|houses|cities|city|different|around',
      'people|man|men|woman|agent|person|lorry|boat ~3 who ~1 brought|bring|took|smuggled|moved',
      'can not|not allowed|never allowed|will not let|do not let ~3 leave|go out|escape|get out|go anywhere',
      'live|lives|lived|living|sleep|sleeps|slept|sleeping|stay|stays ~4 where|above|behind|back|at|in ~2 i ~1 work|works|restaurant|shop|takeaway|car wash|nail bar|farm|factory|kitchen|shed|warehouse|salon|site|office|caravan',
      'car wash|nail bar|cannabis farm|grow house|weed farm|farm|factory ~6 work|working|worked|made|make|sleep|owe|boss|no money|not paid|cant leave|locked',
      'lock|locks|locked ~4 doors|door|in|us|me|them ~4 night|nights|work|house|building|cant',
      'sold|sell|sells|selling|bought|buy ~2 me|him|her|us|them ~4 to|for|man|men',
      'cook|clean|cooking|cleaning ~2 and ~1 clean|cook|cleaning|cooking ~3 for ~4 all day|every day|all night|nothing|free',
      'made|make|makes|forced|force ~2 me|him|her|us|them ~3 work|clean|cook|beg|begging|steal|stealing|look after|work ~6 day|night|no|house|houses|money|free|all',
      'boss ~6 owe|wont|will not|doesnt|dont|keeps|takes|hits|shouts|says|locks|passport|money|pay',
      'domestic ~1 servant|servitude|slave',
      'slave|slaves|slavery|enslaved|=trafficking|=trafficked|=traffickers|=trafficker|smuggled|exploited|exploiting',
      'not|never ~2 pay|paid ~1 me|us|him|her',
      'have|has|got ~1 my|his|her ~1 documents|passport|papers|id',
      'my ~1 id|passport|documents|papers ~2 back',
      'driven|taken|moved ~4 to ~3 work',
      'not know ~2 what|which ~1 city|town|country',
      'work ~2 and ~1 live',
      'live ~2 and ~1 work',
      'never|not ~1 let|allowed ~1 out',
      'never|not ~2 got|get|been ~1 paid',
      'they|boss|man|men|people ~2 keep|keeps|kept|have|took|take ~2 my ~1 phone|passport|id|documents',
      'sent|send|moved|took ~2 me ~3 cities|towns|different ~4 work',
      'need|needs|make ~1 me ~2 to ~1 work',
      'pay|paid|paying ~1 back ~3 flight|journey|travel|trip|ticket',
      'windows ~2 covered|blacked|boarded',
      'paid|payd|bought ~1 for ~1 me ~2 to ~1 come',
      'make|makes ~1 me ~1 do ~2 all ~1 the ~1 cleaning|cooking',
      'not|never ~1 go ~1 to ~1 school ~8 clean|cook|work|mind|look after|cleaning|cooking|minding',
      '=no ~1 pay|wages|salary|passport|papers|documents',
      'live|living|sleep|sleeping ~1 above|behind|in ~1 the ~1 shop|restaurant|takeaway|salon|car wash|kitchen',
      'can not ~1 quit|leave',
      'knows ~2 where ~2 my ~1 family|fam|mum|parents|dad ~1 live|lives',
      'has|have|took|keeps|keep ~1 my|his|her ~1 bank card|card|bank',
      '@work ~6 for ~1 nothing'
    ],
    unless: ['volunteer|volunteering|volunteered|charity|work experience|placement|pocket money|chores|=allowance|dbs', '@lesson', 'fair trade', 'slave trade|transatlantic|abolition|plantation|plantations|romans|ancient']
  },
  // ---------- going missing, running away ----------
  {
    category: 'missing',
    patterns: [
      'run|ran|running|runs|runaway|run off|ran off|running off|do a runner|did a runner|legged it|escape|escaped|bolt|bolted ~4 @home|away|again|night|times|days|streets|police|never|from home',
      'slept|sleep|sleeping|sleeps ~2 outside|rough|out ~3 again|night|nights|last',
      'at ~1 my ~1 mates|friends|boyfriends|girlfriends|mate|friend ~4 most|every|all ~1 nights|night|week',
      'not ~2 have ~1 anywhere ~2 to ~1 go|sleep|stay',
      'bag ~2 packed ~8 leave|go|run|when',
      'do ~1 one ~2 again',
      'nobody|noone ~2 looks|looked|look|searched|search ~2 for|4 ~1 me|him|her',
      'nights|night|days ~1 out',
      'walk|walked|go|went|get|got ~2 out ~4 house|home ~4 night',
      'till|until|til ~2 morning|4am|3am|2am|5am|1am|sunrise|light',
      'nobody|noone ~1 looked|looks|noticed|notices|asked|asks',
      'between ~2 my ~1 mates|friends',
      'stay|stayed|staying|slept ~2 at ~1 a ~1 man|mans|stranger|strangers|older',
      'instead ~2 of ~1 going ~1 home',
      'absent|away|out ~1 overnight',
      'comes|came|come ~1 back ~3 no ~1 explanation|idea',
      'pack|packed|packing ~2 a|my ~1 bag ~6 leave|go|run',
      'not ~1 tell ~2 anyone|anybody ~2 where',
      'so ~2 noone|nobody ~1 can ~1 find ~1 me',
      'still ~1 there ~3 morning',
      'vanish|vanished|disappear|disappeared ~4 weekends|days|nights|weekend',
      'nobody|noone ~1 reported|report',
      'stay|staying|stayed ~2 with ~1 people|someone|older|men|man|lads ~3 from|met|town|online',
      'sleep|sleeps|slept|sleeping|stay|stays|stayed|staying|crash|crashed|crashing|live|living|kip|kipped|doss|dossed|surf|surfing ~4 at|in|on|with|under|round ~3 @sleepout ~6 @away|because|since|cant|can not|dont|do not|wont|didnt|scared|rather|instead|nobody|noone|homeless|nowhere|kicked',
      'sleep|sleeps|slept|sleeping|stay|stayed|staying|live|living ~4 at|in|on|under ~2 the|a ~1 park|street|streets|station|bench|stairwell|stairs|garage|shed|tent|doorway|bus|underpass|bridge|canal|woods|car|beach|squat',
      'sofa ~1 surf|surfing|surfed',
      'sofasurfing|sofasurf|sofasurfed|sofasurfer|couchsurfing|couchsurf|couchsurfed|couch ~1 surf|surfing|surfed',
      'nowhere|no where|no place|nowhere else ~3 to ~1 go|sleep|live|stay',
      'homeless',
      'kick|kicks|kicked|chuck|chucks|chucked|throw|throws|threw|thrown ~2 me|him|her|us|them ~2 out',
      'stay|stays|stayed|staying|go|goes|went|going ~2 out ~4 all night|all weekend|till|until|morning|next day|days|nights|late',
      'out ~1 all ~1 night|weekend',
      'not|never|didnt|dont|do not|did not|wont|hasnt|havent|has not|have not ~3 come|came|go|went|been|gone|going|coming ~2 home|back ~4 night|nights|days|weeks|since|till|until|morning|anymore|again|because|scared|want|rather',
    ],
    unless: ['sleepover|sleepovers', 'camping|camp|cadets|scouts|guides|brownies|dofe|festival', 'ran out|run out|runs out|running out', 'play|film|book|story|drama|character|played|novel|on the news|news', 'mum|dad|parents|carer|carers|foster ~2 knew where|picked me up|collected me|said i could|let me', 'our|my|the ~1 dog|cat|pet|hamster|rabbit|tortoise|budgie|bird|puppy|kitten|pencil', 'ran|run|running|ran off|run away|ran away ~3 from ~2 wasp|wasps|bee|bees|dog|dogs|spider|goose|geese|cow|cows|ball|race|rain|zombie|zombies|monster|ghost|game|tag|chase|seagull|bull', 'charity|sponsored|donate|donated|collection|volunteer',
      // Staying up late is not staying out; an outing with staff is not going missing; a planned move is not sofa-surfing.
      'stay|stays|stayed|staying ~1 up', 'up ~1 till|until|late', 'game|gaming|xbox|playstation|netflix|revising|revision', 'den|dens|short break|shortbreak|hot chocolate', 'with ~1 staff|leaders|carers', 'staff ~1 made|took|came|said', 'supported living|moving|move in|moving in|own flat|excited']
  },
  {
    category: 'missing',
    patterns: [
      'not|never|didnt|dont|do not ~2 want|wanna ~2 to ~1 go ~1 home|back',
      'can not|cant|couldnt ~2 go ~2 home|back',
      'not ~1 been ~2 seen|home|heard',
      '=missing|reported missing|gone missing|went missing|go missing ~4 me|him|her|days|nights|police|home|from|since|again|week|weeks|hours',
      'police ~4 found|find|brought|bring|looking|search|searched|picked',
      'nobody|noone ~4 notice|notices|noticed|know|knows|knew|care|cares|ask|asks|asked|rang|ring|call|called|check|looking|look|worry|worries|worried ~4 where|gone|when|home|come|back|out|missing|left|leave',
      'walk|walked|walking|wander|wandered|wandering ~3 streets|around|about ~3 all night|night|nights|till|until|hours',
      'phone ~2 off|dead ~6 days|since|nobody|noone|not|cant|seen|missing',
      'not|never ~2 seen ~3 since|days|week',
      'hitch|hitched|hitchhike|hitchhiked ~0',
      'train|bus ~3 nobody knew|noone knew|without telling',
      'live|lives|living|stay|staying ~3 on ~1 the ~1 streets'
    ],
    unless: ['sleepover|sleepovers', 'camping|camp|cadets|scouts|guides|brownies|dofe|festival', 'ran out|run out|runs out|running out', 'play|film|book|story|drama|character|played|novel|on the news|news', 'mum|dad|parents|carer|carers|foster ~2 knew where|picked me up|collected me|said i could|let me', 'our|my|the ~1 dog|cat|pet|hamster|rabbit|tortoise|budgie|bird|puppy|kitten|pencil', 'ran|run|running|ran off|run away|ran away ~3 from ~2 wasp|wasps|bee|bees|dog|dogs|spider|goose|geese|cow|cows|ball|race|rain|zombie|zombies|monster|ghost|game|tag|chase|seagull|bull', 'charity|sponsored|donate|donated|collection|volunteer', 'trip|residential|holiday|party|fun|camp|festival|so good|was good|amazing|brilliant']
  },
  // ---------- feeling unsafe, secrets, silencing ----------
  {
    category: 'unsafe',
    patterns: [
      'unsafe|not safe|never safe|no safe',
      'not|never|no ~2 feel|feeling|felt|feels ~1 safe',
      'nobody|noone ~1 believed|believe|believes|listened|listens',
      'not ~1 know ~2 who ~1 to ~1 tell|talk|ask',
      'can not|cant ~2 write|say|tell ~3 real|truth',
      'someone ~2 to ~1 talk ~1 to ~6 home|family|things|about',
      'secret ~4 help',
      'not allowed ~4 help',
      'snitch|grass|snake ~6 next|dead|get|hurt|stabbed',
      'follow|follows|followed|following ~2 me ~4 home|school|bus|every|everywhere',
      'wait|waits|waiting ~1 outside ~2 my|the ~2 house|school|home|club|college',
      'man|men|someone|stranger ~4 watches|watching|follows ~1 me',
      'going to|gonna|will ~2 kill|murder ~1 me',
      'not ~1 make|send ~1 me ~1 go|going ~1 home|back',
      'all ~1 the ~1 time ~3 @fear',
      '@fear ~3 all ~1 the ~1 time',
      'tell|told|say|said|says|tells|make|made ~3 me|him|her|us ~4 not ~2 @tell|to ~2 keep|secret|quiet|shut up',
      'not ~1 allowed|meant|supposed ~2 to ~1 @tell|say|talk|speak|let anyone know',
      'our ~1 secret',
      'said|says|told|say ~2 not ~1 to ~1 tell',
      'said|says|told ~1 do not ~1 tell',
      'not|never ~1 believe|believed ~1 me|us|him|her',
      'secret ~3 at|about ~2 home|house|family|dad|mum|uncle|what happens',
      'if ~2 i|he|she|you|we ~1 @tell|tell|told|say|said|grass|snitch ~8 hurt|kill|trouble|taken|care|away|home|get|beat|hit|never|sorry|leave|dead|die|pay|worse|split|fault|blame',
      // The threat first and the silence after: "he'd kill the dog if I told", "she'll hurt mum if I say".
      'hurt|kill|beat|hit|drown|get rid|put down|take away|send away ~6 if ~2 i|you|we ~1 @tell|tell|told|tells|say|said|grass|snitch|talk',
      'nobody|noone|no ~2 would|will|wouldnt|wont|never|ever ~2 believe|believes|believed|listen|listens|listened ~1 me|him|her|us|anyway',
      '@tell|told ~5 nobody|noone|didnt|not ~2 believe|believed|listen|listened|did anything|do anything|help',
      'believe|believed ~1 me ~0',
      'threaten|threatens|threatened|threatening|threat|threats ~3 me|him|her|us|to|my',
      'or ~1 else',
      'promise|promised|swear|swore ~4 never|not ~2 tell|say|talk',
      'something|stuff|things ~2 bad|wrong|horrible|scary|weird|happen|happens|happened|going on ~4 home|house|night|weekend|dad|mum|me|to me|there|him|her',
      'something ~1 happened ~3 to ~1 me|him|her',
      'can not ~2 tell|say|talk|explain ~3 why|what|who|about it|you|anyone',
      'get|got|gets|getting|be|in ~2 trouble ~3 for ~1 telling|saying|talking|told',
      'forget ~1 it|i said|what i said',
      'please|someone|somebody ~2 help ~1 me|us',
      'need|needs|want ~1 help ~4 home|house|him|her|please|now|scared|safe|quick|fast|someone|somebody|get out|away',
      'i ~1 need ~1 help ~0',
      'help ~1 me|us ~1 please|now',
      'save me|rescue me|get me out',
      'secret ~4 can not ~1 tell|say',
      '@fear ~6 secret',
      'tell ~3 something ~1 bad ~3 about',
      'said|say|says ~2 i ~1 was|am ~1 making ~1 it ~1 up',
      'said|say|says ~2 i ~1 was|am ~1 lying',
      'stopped ~1 telling',
      'told|tells ~2 me|us ~2 to ~1 say ~3 fine|ok|okay|nothing|good',
      'or ~2 there ~2 be ~1 trouble',
      '@fear ~6 can not ~1 say|tell',
      'told|tell|telling ~10 in ~1 big|so much|loads of ~1 trouble',
      '@fear ~6 looks after|look after ~1 me',
      'is ~1 this ~1 private|secret|confidential|anonymous',
      'find ~1 out ~4 i ~1 wrote|said|told',
      'need ~2 to ~1 talk ~1 to ~1 someone',
      'get out ~1 quick|quickly|fast',
      'sleep|slept ~4 shoes|clothes|uniform ~1 on',
      'watch ~1 my|your|his|her ~1 back',
      'unsafe|not safe|never safe|no safe',
      'abuse|abused|abusing|abusive|abuser|danger|dangerous ~4 home|house|dad|mum|me|him|her|family|night|there|step|uncle|boyfriend',
      '=abuse|=abused|=abuser|=abusing|=abuses ~0',
      'nightmare|nightmares|flashback|flashbacks ~6 him|her|what|happened|dad|mum|night|uncle|man|again',
      'dread|dreading|hate ~3 going ~1 home|back|weekend|weekends|contact|nights'
    ],
    unless: UNSAFE_EXCUSES,
    unlessWindow: 12
  },
  {
    // Being taken away (from home, into care): fear or a threat. A chair or a talker "taken away to be serviced" is not.
    category: 'unsafe',
    patterns: ['get|be|been|being ~1 taken ~1 away'],
    unless: ['@repair'],
    unlessWindow: 4
  },
  {
    category: 'unsafe',
    patterns: ['@fear ~2 @harmer|home|house|go back|going back|going home|go home|to tell|tell|night|nights|what|when', '@fear ~2 to ~1 go ~3 @harmer|home|house|there|back', '@fear ~4 home|house|flat', '@fear ~1 of ~1 my|his|her|our|their|the ~1 @harmer'],
    negatable: true,
    unless: ['spider|spiders|dark|dog|dogs|heights|needles|dentist|thunder|wasps|bees|clowns|film|ghost|doctor|nurse|injection|exam|exams|test']
  },
  {
    category: 'unsafe',
    patterns: ['keep|keeps|kept|keeping ~3 secret|secrets|quiet|mouth shut|a secret'],
    unless: ['surprise|party|leaving|fancies|crush|santa|den|hide and seek|recipe|password|diary|nosey|nosy|journal|pin', 'library|librarian|exam|exams|cinema|assembly|reading time|quiet room|baby is asleep|baby sleeping ~6 quiet'],
    unlessWindow: 12
  },
  // ---------- kinds of writing the untouched set showed (each a kind, not a sentence) ----------
  {
    // Getting ready to die: goodbye letters, pills put by, belongings given away, "still thinking about doing it".
    category: 'suicidal',
    patterns: [
      'goodbye|farewell|suicide ~1 letter|letters|note|notes|message|messages|video',
      'wrote|write|writes|writing|written|left|leave ~3 letter|letters|note|notes ~4 to|for ~2 my ~1 family|mum|dad|everyone|parents|brother|sister|nan|friends',
      'hid|hide|hides|hiding|hidden|save|saved|saving|collect|collected|collecting|stash|stashed|stashing|hoard|hoarding|keep|kept|keeping ~4 pills|tablets|paracetamol|meds|medicine|medication|painkillers|insulin',
      'give|gave|giving|given ~2 away ~3 my ~1 things|stuff|games|toys|clothes|belongings|pets|xbox|switch',
      'still|keep|keeps|always|cant stop|can not stop ~2 thinking|think ~2 about ~2 doing ~1 it|going through with it|ending it|not being here'
    ]
  },
  {
    // Extremist words and wanting a weapon: "cleanse our town", "race war", "where can I buy a crossbow".
    category: 'radicalisation',
    patterns: [
      'far right|white power|race war|great replacement|ethnic cleansing|white genocide|remigration|boogaloo|accelerationism|incel|incels',
      'cleanse|cleansing|purge|purify|clean out ~3 our|the|this|my ~1 town|country|city|area|streets|street|school|estate|land|race',
      'where|how ~4 buy|get|make|order|find ~2 a|an|some ~1 crossbow|gun|guns|rifle|machete|bomb|explosive|explosives|weapon|weapons|sword|zombie knife',
      'make|makes|making|made|build|building ~2 a|an|some ~1 bomb|bombs|explosive|explosives|pipe bomb',
      'obsessed|obsession|idolise|idolises|worships|follows ~3 with ~3 influencer|extremist|extremists|nazi|nazis|hitler|jihad|jihadi|shooter|shooters|terrorist|terrorists'
    ],
    unless: ['@lesson', 'minecraft|fortnite|roblox|game|games|gaming|zombie|zombies|archery|club|fiction|novel|film']
  },
  {
    // Care needs nobody meets: nobody gets me up, charges my wheelchair, changes my pad; left in bed for hours.
    category: 'neglect',
    patterns: [
      'nobody|noone|no one|not ~4 get|gets|got|help|helps ~1 me ~1 up|dressed|washed|changed|out of bed|to the toilet',
      'nobody|noone|no one|not ~3 charge|charges|charged|fix|fixes|fixed ~2 it|my ~1 wheelchair|chair|talker|device|hearing aid|hearing aids',
      'nobody|noone|no one ~3 change|changes|changed ~2 my ~1 pad|pads|nappy|bag|sheets|bed',
      'stuck|left|lying|lie|lay|leave|leaves ~2 in ~1 bed|my bed|wheelchair|chair|pad|wet ~4 till|until|all day|all morning|hours|tea time|dinner|lunch|afternoon|night',
      'stuck in bed|stuck in my bed|left in bed|left in my chair|left in my wheelchair'
    ],
    unless: ['ill|illness|poorly|flu|covid|cold|sick|operation|hospital|ward|recovering|lazy sunday|weekend lie in|lie in']
  },
  {
    // Lost and out: walked off and kept walking, did not know where I was, slept in a shed; goes off every night.
    category: 'missing',
    patterns: [
      'walked|walk|walks|ran|run|runs|went|go ~2 out ~1 of ~1 school|class|college|home|house|the house ~10 kept|till|until|dark|night|lost|did not know|police',
      'kept ~1 walking|running|going ~3 till|until|dark|night|miles',
      'did not|didnt|do not|dont ~1 know ~2 where ~1 i|he|she|we ~1 was|were|am|is',
      'going|goes|went|go|keeps going ~1 off ~3 at ~1 night|every night|all night|nights',
      'disappear|disappears|disappeared|vanish|vanishes|vanished|goes off|go off|going off ~3 at ~1 night|every night|all night|nights|for days',
      'come|comes|coming|came ~1 back ~3 in ~1 the ~1 morning|next morning|next day|at 3am|at 4am|at 5am ~6 muddy|shaking|scared|hurt|cold|wet|crying|drunk|high|different|not say|will not say|wont say',
      'sleep|sleeps|slept|sleeping|stay|stayed ~2 in|on|at|under ~2 a|the|some ~1 shed|garage|park|bus shelter|bus stop|stairwell|doorway|car park|bin store|subway|underpass|field|woods|bench'
    ]
  },
  {
    // A blow in fragments: "slipper. back of my legs. mum says its what i get".
    category: 'physical',
    patterns: [
      '@weapon ~3 back ~1 of ~1 my|his|her|the ~1 legs|leg|hand|hands|head|knees|neck',
      '@weapon ~2 on|across|over ~2 my|his|her ~1 @body|bum|bottom|legs|back',
      '@harmer ~3 says|said|say|tells|told ~3 it|its|it is|that is|thats ~1 what ~1 i|you|he|she ~1 get|gets|deserve|deserves',
      'what ~1 i ~1 get|deserve ~3 for ~4 being|crying|wetting|talking|answering|not'
    ],
    unless: ['ball|goal|puck|dodgeball|rugby|tackle|karate|judo|netball|hockey|cricket|pillow|tickle|nerf|playfight|present|presents|birthday|christmas|pocket money|sweets|treat|reward|prize']
  },
  {
    // Debt for the journey: "the people who paid for my journey say I must work for free to pay them back".
    category: 'slavery-trafficking',
    patterns: [
      'paid|pay|paying|payed ~3 for ~2 my|his|her|our ~1 journey|travel|trip|boat|lorry|ticket|flight|crossing',
      'work|working|works ~4 for ~1 free|nothing ~8 pay|paying ~2 them|him|her|back|off|debt|journey',
      'pay|paying ~2 them|him|her|it ~1 back ~6 years|months|work|working|journey|boat|debt',
      'came|come|coming|arrived ~2 on|in ~1 the|a ~1 boat|lorry|truck|dinghy ~12 work|pay|owe|debt|boss|free|people|man|men'
    ],
    unless: ['volunteer|volunteering|volunteered|charity|work experience|placement|pocket money|chores|=allowance|holiday|ferry|cruise', '@lesson']
  },
  {
    // Adults' "games" with a child and sexual words a child should not know.
    category: 'sexual',
    patterns: [
      'tickle|tickling|special|secret|naughty|private|touching|wrestling ~1 game|games',
      '@person|man|men|coach|instructor ~6 changing room|changing rooms|changing|shower|showers|toilets ~6 game|games|touch|touches|touched|watch|watches|watched|photo|photos|plays|play|played|alone|help|helps|dry|dries',
      'words|names|things ~4 for ~2 private|privates|parts|body parts ~6 never|not|where|who ~3 learn|learned|learnt|taught|heard|from',
      'knows|know|knew|talks|talking|uses|using|saying|says ~3 about ~2 sex|sexual|sexy|private parts ~6 never|too young|not from|where from|who taught'
    ],
    unless: ['@lesson', 'rse|pshe|puberty|biology|science|health lesson|body lesson']
  },
  {
    // "What I do to my arms at night": harm spoken of without its name.
    category: 'self-harm',
    patterns: [
      'what|things|stuff ~1 i ~2 do|did|doing|done ~2 to ~1 my|myself ~2 arm|arms|legs|leg|wrist|wrists|skin|body|thighs|thigh|stomach|self|myself',
      'plaster|plasters|bandage|bandages|dressings|steri strips ~8 my ~1 arm|arms|wrist|wrists|legs|thighs ~4 night|again|myself|because|every',
      'go|going|went ~2 through ~2 loads|lots|so many ~2 of ~1 plasters|bandages'
    ]
  },
  {
    // Bullying that is filmed and shared, and children tripped up or pushed over again and again.
    category: 'child-on-child',
    patterns: [
      'trip|trips|tripped|tripping|push|pushes|pushed|pushing|knock|knocks|knocked ~1 me|him|her|them ~1 over|up|down ~10 film|films|filmed|filming|record|records|recorded|video|videos|laugh|laughs|laughed|every|again|always',
      '@hit|trip|trips|tripped|tripping ~8 film|films|filmed|filming|record|records|recorded|video|videoed ~4 it|him|her|me|them ~6 tiktok|snapchat|instagram|youtube|online|post|posted|put|share|shared|group chat'
    ],
    unless: ['dance|dances|dancing|challenge|trend|prank ~3 we|i|us', 'football|rugby|tackle|game|match|accident|accidentally']
  },
  {
    // The cutting named as something "done": "taken on holiday to have the tradition done", "the procedure when she was small".
    category: 'fgm-forced-marriage',
    patterns: [
      'have|has|had|get|gets|got|getting|having ~3 tradition|traditional|ceremony|procedure|operation|cutting|special thing ~1 done',
      'tradition|traditional|ceremony|procedure|cutting ~2 done ~6 holiday|abroad|@abroad|small|little|young|baby|like she|like i|girls',
      'taken|take|taking|sent|send|going ~3 on|to ~1 holiday|abroad|@abroad ~8 tradition|ceremony|procedure|done|cut|cutting'
    ],
    unless: ['hair|henna|piercing|ears|wedding photos|photos|tattoo|birthday|christmas|eid|diwali|graduation']
  },
  {
    // Threat to keep quiet, and fear that an adult will read the answer: "I'll regret it", "if she reads this".
    category: 'unsafe',
    patterns: [
      'if ~2 @tell|tell|told|say|said ~14 regret|sorry|pay for|suffer',
      'regret ~1 it ~6 if ~2 @tell|tell|told|say|said',
      '@harmer|carer|mum|dad|parents|staff|teacher ~3 read|reads|reading|see|sees|check|checks|looks ~2 at ~1 this|these|my|what ~10 trouble|punish|punished|hurt|cant answer|can not answer|not answer|cannot answer|honest|truth|properly',
      'will|can|does|do ~2 my|the ~1 @harmer|carer|mum|dad|parents|staff|teacher ~1 read|see|check ~1 this|these|my|what',
      'can not|cant|not ~1 answer|say|tell|write ~1 properly|honestly|the truth ~8 trouble|hurt|punished|if|because|or|reads|see|sees'
    ],
    unlessWindow: 12
  },
  // ---------- kinds round 8 (round8a-set, round8b-set) taught: each rule is a way of writing, not a sentence ----------
  {
    // Words said to a child, quoted: "you're disgusting", every morning; blame for a family's troubles; humiliation as punishment.
    category: 'emotional',
    patterns: [
      // (The screen reads "you" as the writer: "you're disgusting" reads "i am disgusting". Only words that
      // are abuse when said to a child, or self-loathing worth a look when the child says them.)
      'you are|youre|ur|i am|me are|im ~1 disgusting|worthless|a waste of space|a mistake|a burden|vile|evil|a freak|a retard|unlovable|a disgrace|an embarrassment|pathetic',
      'left|leave|leaves|went|gone|died|ill|sick|sad|drinks|drinking|split|divorced|broke up ~4 because ~1 of ~1 me|him|her|us|you',
      'punish|punishment|punished|punishes ~8 nappy|nappies|pad|pads|wear|in front of|tells everyone|told everyone|laugh|laughed|garden|outside|cold|shed|cupboard|hours|an hour|stand|stood',
      'makes|made|make|making ~2 me|him|her|us|them ~3 stand|stood|sit|sat|stay|wait ~4 garden|outside|cold|rain|dark|corner|hours|an hour|all night|shed|cupboard',
      'whatever|everything|anything ~2 i|he|she ~1 do|does|did|say|says ~3 wrong|not good enough|shouted at|in trouble',
      'be|stay|make myself ~1 invisible|small|quiet|silent ~4 house|home|own house|at home|around',
      'even ~2 breathing|breathe|existing|eating|sitting ~4 wrong|too loud|shouted|trouble|annoys'
    ],
    unlessWindow: 8
  },
  {
    // Going without, told as the ordinary: the first food of the day at school, the only clean clothes, a parent on a bender, no gas in the meter.
    category: 'neglect',
    patterns: [
      'first|only ~1 thing|food|meal ~2 i|we|he|she ~1 eat|eats|get|gets|have|has',
      'only ~2 clean|washed ~1 clothes|thing|top|trousers|uniform',
      'wear|wears|wore ~2 my|the|same ~1 uniform|clothes ~2 at|all ~1 weekend|weekends|every day|night',
      'bad days|bad day|her days|his days|off days ~4 most days|every day|all the time|most of the time|always',
      'in charge of ~3 my|the ~1 brother|sister|brothers|sisters|baby|siblings|cooking|money|bills|shopping|house',
      'bender|binge|benders ~4 days|day|week|again|weekend',
      'no ~1 gas|electric|electricity|heating|power|money ~3 meter|meters|in the|on the|for days|for ages|again',
      'sitting|sit|chillin|chilling|living|sat ~3 in ~1 the ~1 dark|cold'
    ],
    unless: ['power cut|camping|candles|film|movie|cinema|birthday|storm|halloween', 'sleepover|holiday'],
    unlessWindow: 8
  },
  {
    // Keeping a door shut against someone at night: a chair under the handle, a lock "just in case".
    category: 'unsafe',
    patterns: [
      'chair|wardrobe|drawers|bed|table ~4 against|under|behind ~2 door|handle',
      'keep|keeps|kept|put|push|pushed|wedge|wedged|block|blocked ~4 door|doors ~4 shut|closed|chair|locked|wardrobe|drawers',
      'lock|locks|locked ~3 my|the ~1 door|bedroom ~4 at ~1 night|when|because|just in case|in case|he|she|they|stays|comes',
      'just in case|in case ~6 door|lock|locked|chair|stays over|comes in|night'
    ],
    unless: ['brother|sister|brothers|sisters|siblings ~4 noisy|noise|loud|annoying|drums|music|games|come in|comes in|barges in', 'privacy|draught|getting changed|the cat|the dog|the puppy'],
    unlessWindow: 6
  },
  {
    // Disabled children targeted by others: a walker tripped, put in a bin, filmed in a meltdown; money or a kicking.
    category: 'child-on-child',
    patterns: [
      'trip|trips|tripped|push|pushed|pushes|kick|kicked|kicks|tip|tipped|take|took|hide|hid|hidden|break|broke ~3 my|his|her ~1 walker|wheelchair|frame|crutches|chair|hearing aid|hearing aids|glasses|stick|iPad|talker',
      'money|dinner money|phone|trainers ~2 or ~2 a kicking|a beating|a slap|get hurt|get battered|else|we hurt you|you get it',
      'put|puts|shoved|throw|threw|locked ~2 me|him|her ~2 in|into ~2 the ~1 bin|bins|locker|lockers|toilet|toilets|cupboard',
      'made|make|making|film|filmed|filming|record|recorded|posted|put ~4 tiktok|video|videos|snap|snapchat|story|youtube ~6 me|him|her ~3 meltdown|meltdowns|crying|cry|stim|stimming|having',
      'tiktok|video|snap|clip ~6 of ~1 me|him|her ~3 meltdown|meltdowns|crying|stimming|fit|seizure'
    ],
    unless: ['dance|challenge|trend|my own|i made|i posted', '@repair'],
    unlessWindow: 8
  },
  {
    // Violence told in the words used to hide it: walks into doors, make-up over the face, "loses his temper".
    category: 'domestic',
    patterns: [
      'walks|walked|walking|walk|keeps walking ~1 into ~1 doors|door|walls|cupboards',
      'cover|covers|covered|covering|hide|hides|hid ~4 face|bruise|bruises|marks|eye|eyes|neck|arms ~4 make up|makeup|make-up|concealer|sunglasses|scarf|long sleeves',
      'loses|lost|losing ~2 his|her ~1 temper ~10 mum|dad|she|he|her|face|always|again|after',
      'since ~4 he|she|boyfriend|girlfriend|fella|partner|stepdad|step dad|new man ~2 moved in ~8 bruise|bruises|doors|falls|fell|cries|crying|scared|hurt|quiet'
    ],
    unlessWindow: 12
  },
  {
    // Touch at bath time or bedtime told in fragments: "bathtime. his fingers."
    category: 'sexual',
    patterns: [
      'bathtime|bath time|bath|shower|bedtime|bed time|in bed|nappy change|changing ~4 his|her|their|uncle|man|mans ~1 fingers|finger|hands|hand|touch|touches|touching',
      'his|her|their ~1 fingers|finger|hands ~4 bathtime|bath time|bath|shower|bedtime|bed|down there|private|privates|pants|knickers|in me|inside'
    ],
    unless: ['washes|wash|washing ~3 hair', 'splash|splashing|bubbles|toys'],
    unlessWindow: 6
  },
  {
    // Swallowing things that harm; a ligature made or hidden; burns from an iron "not an accident".
    category: 'self-harm',
    patterns: [
      'swallowed|swallow|swallowing|ate|eaten ~3 batteries|battery|magnets|magnet|bleach|glass|pins|screws|needles|razor|blades|coins|washing tablets|detergent|pods',
      'ligature|ligatures|noose',
      'i|have|got|hidden|hid ~2 more ~4 blades|ligature|ligatures|pills|tablets|razors|cord|cords|rope'
    ]
  },
  {
    category: 'physical',
    patterns: [
      'not|wasnt|was not|isnt|is not|no ~1 an ~1 accident ~8 burn|burns|bruise|bruises|mark|marks|cut|iron|hand|arm|leg|face|broken|broke',
      'burn|burns|burnt|bruise|bruises|mark|marks|cut|cuts ~8 not|wasnt|was not|isnt|is not|no ~1 an ~1 accident',
      'discipline|disciplines|disciplined|disciplining|punish|punishes|punished|punishment|old fashioned way|old-fashioned way ~8 spoon|wooden spoon|belt|slipper|stick|cane|hand|legs|bottom|bum|until|crying|cry|marks',
      'until|till ~2 we|i|he|she|they ~1 stop|stops ~1 crying|screaming'
    ],
    unless: ['cooking|baking|cake|stir|stirring|mixing'],
    unlessWindow: 6
  },
  {
    // The place or the means, and "thinking about it"; "tonight" with something ready.
    category: 'suicidal',
    patterns: [
      'train line|train lines|train track|train tracks|railway|railway line|the tracks|bridge|motorway|cliff|cliffs|multi storey|car park roof|tower block|top floor ~8 thinking|think|thought|about it|jump|jumping|stand|standing|end it|walk in front|lie down|go there',
      'rope|ropes|pills|tablets|blade|belt|cord ~3 ready|sorted|bought|saved|stashed|hidden|got it',
      'tonight|tomorrow|this weekend|soon ~4 ready|its time|it is time|the day|goodbye|last night|no more|end it|do it'
    ],
    unless: ['skipping|climbing|pe|gym|tug of war|dog|lead|boat|camping|walk|school trip|holiday|science|train set|model railway|lego'],
    unlessWindow: 6
  },
  {
    // A marriage that is not the young person's choice, or to someone much older.
    category: 'fgm-forced-marriage',
    patterns: [
      'wedding|marry|married|marriage|engaged|engagement|husband|wife|rishta|nikah ~8 not ~1 my ~1 choice|dont want|do not want|never wanted|no choice|made to|have to|has to|forced|they chose|they picked|much older|twice my age|old man|older man|hes 2*|hes 3*|hes 4*|he is 2*|he is 3*|he is 4*|30|35|40|45',
      'not ~1 my ~1 choice ~6 wedding|marry|married|marriage|husband|wife|engaged'
    ],
    unless: ['my sister|my cousin|my brother|auntie|aunty ~4 happy|excited|chose|loves|in love'],
    unlessWindow: 4
  },
  {
    // Leaving a placement or respite on foot and nobody noticing.
    category: 'missing',
    patterns: [
      'left|leave|walked out|walked off|ran|run|went|got out|snuck out|sneaked out ~3 respite|placement|care home|the home|foster|school|college|unit|ward|house ~8 no one|nobody|noone|nobody ~2 came|noticed|looked|found|missed|checked|knew',
      'respite|placement|care home|foster|unit|ward ~3 walked|left|ran|gone|went ~8 no one|nobody|noone|came|noticed|looked|found|night|alone|myself'
    ],
    unless: ['fire drill|trip|outing|with staff|with my keyworker|home time|end of the day'],
    unlessWindow: 10
  },
  {
    // Left out by the family on purpose: eating alone while the others eat together.
    category: 'emotional',
    patterns: [
      'on my own|alone|separately|by myself|in the kitchen|in my room ~6 while|whilst ~1 they|everyone|the rest|the others|my brothers|my sisters|my brother|my sister|the family ~4 eat|eats|together|go out|have|get'
    ],
    unlessWindow: 8
  },
  {
    // Touch that "goes too far": a massage, a rub.
    category: 'sexual',
    patterns: [
      'massage|massages|massaged|massaging|rub|rubs|rubbed|rubbing ~6 too far|wrong|weird|uncomfortable|private|privates|under my|inside|thighs|thigh|chest|bum|pants|knickers|no one else|secret',
      'go|goes|went|going ~1 too ~1 far ~6 touch|touches|touched|touching|massage|massages|hug|hugs|cuddle|cuddles|tickle|tickles'
    ],
    unless: ['physio|physiotherapist|sports massage|hydrotherapy|dog|cat|horse|pony|cream|sun cream|eczema'],
    unlessWindow: 8
  },
  {
    // Medicine nobody gives: "no one gives me my epilepsy medicine at weekends".
    category: 'neglect',
    patterns: [
      'nobody|noone|no one|never|not|forget|forgets|forgot ~3 give|gives|gave|given|giving ~2 me|him|her|us ~2 my|his|her|our|the|any ~3 medicine|medication|meds|tablets|insulin|inhaler|epilepsy|seizure|feed|feeds|peg|injections'
    ]
  },
  {
    // Someone else's money through a young person's account: a money mule.
    category: 'exploitation',
    patterns: [
      'money mule|mule|muling',
      'paid|pay|pays|money|cash|quid|cut ~8 use|uses|using|used|borrow ~2 my|his|her ~1 bank|account|bank account|card|bank card',
      'let|lets|letting ~3 use|using|borrow ~2 my|his|her ~1 bank|account|bank account|card|bank card'
    ],
    unless: ['mum|dad|parents|appointee|appointeeship ~4 manage|manages|help|helps'],
    unlessWindow: 8
  },
  {
    // Learning to make weapons from a group.
    category: 'radicalisation',
    patterns: [
      'learn|learning|learnt|learned|teach|teaching|taught|show|showing|showed|shown ~4 make|making|build|building ~2 weapons|weapon|bombs|bomb|explosives|explosive|guns|gun|pipe bomb',
      'make|making|build|building ~2 weapons|weapon|bombs|bomb|explosives|explosive|guns|gun ~8 group|guys|online|telegram|discord|chat|them|they|brothers'
    ],
    unless: ['minecraft|game|games|fortnite|roblox|lego|dnd|dungeons|warhammer|cosplay|props|prop|film|story|dt lesson|history'],
    unlessWindow: 10
  },
  {
    // A parent holding a child up to ridicule: the diary read out to friends, laughing at them.
    category: 'emotional',
    patterns: [
      'my ~1 diary|messages|texts|letters|secrets|private things ~6 friends|everyone|people|family|out loud ~6 laugh|laughs|laughed|laughing',
      'read|reads|reading|show|shows|showed|share|shares|shared ~2 my ~1 diary ~4 to|with|out ~2 friends|everyone|people|family'
    ],
    unlessWindow: 10
  },
  {
    // One meal a day, as the way things are.
    category: 'neglect',
    patterns: ['only|just ~3 eat|eats|have|get|ate|had ~2 once|one meal|1 meal ~2 a|per|each ~1 day'],
    unless: ['diet|dieting|fasting|ramadan|intermittent|gym|weight|bulking|choose|chose|my choice'],
    unlessWindow: 10
  },
  {
    // Set alight: "set my hair on fire".
    category: 'physical',
    patterns: ['set|sets|setting|put|lit|light ~2 my|his|her|their ~2 hair|clothes|bag|coat|jumper|shoes|blazer ~2 on ~1 fire|alight|light']
  },
  {
    // Something tied or pulled round the neck.
    category: 'self-harm',
    patterns: ['round|around ~2 my|his|her ~1 neck ~5 tight|tighter|squeeze|squeezed|pull|pulled|choke|choked|breathe|breath|cant breathe|pass out'],
    unless: ['necklace|scarf|tie|lanyard|medal|headphones|cold|sore throat'],
    unlessWindow: 4
  },
  {
    // Afraid of one's own bed or room: where the harm happens.
    category: 'unsafe',
    patterns: ['afraid|scared|frightened|terrified|fear ~2 to|of ~2 sleep|sleeping|go to sleep|go to bed|bed|bedroom|my room|go upstairs|upstairs|be alone|be on my own|bath|bathtime'],
    unless: ['dark|nightmare|nightmares|spider|spiders|monster|monsters|ghost|ghosts|film|movie|storm|thunder|zombie|scary story|clown'],
    unlessWindow: 10
  },
  {
    // The child's food sold or spent: "mum sells our food vouchers".
    category: 'neglect',
    patterns: ['sell|sells|sold|selling|spend|spends|spent|swap|swaps|swapped ~3 food vouchers|food voucher|vouchers|voucher|food money|dinner money|our food|my food|the food|food parcel|food parcels|school meal']
  },
  {
    // Fleeing with the family: a hostel or refuge "because of what he did to mum".
    category: 'domestic',
    patterns: [
      'hostel|refuge|safe house|shelter|b and b|bed and breakfast|emergency housing ~8 because|after|what he did|what he does|from him|from dad|from her|get away|hide|hiding|he found|she found',
      'what ~1 he|she|dad|stepdad|her boyfriend|his girlfriend ~1 did|does|done ~2 to ~1 mum|my mum|her|dad|my dad|him'
    ],
    unless: ['youth hostel|school trip|holiday|duke of edinburgh|dofe|camping'],
    unlessWindow: 10
  },
  {
    // Someone who takes a disabled adult's benefits: "taxed my PIP every month".
    category: 'exploitation',
    patterns: [
      'tax|taxed|taxes|taxing|take|takes|took|taking|have|has|had|nick|nicks|nicked|keep|keeps|kept ~3 my|his|her ~1 pip|dla|benefits|benefit|universal credit|uc|esa|money|card|bank card|wages|payday ~8 every|each|mates|friends|they|him|her|them|month|week|payday',
      'pip|dla|benefits|universal credit|esa|payday ~6 mates|friends|they|them|him|her|he|she ~4 take|takes|took|tax|taxed|have|has|had|keep|keeps'
    ],
    unless: ['appointee|appointeeship|mum manages|dad manages|budget|budgeting|savings|save|saving|bills'],
    unlessWindow: 8
  },
  // ---------- round 9 (4 Dec): kinds the unseen round9-set missed, by kind, not by sentence ----------
  {
    // A country or people to be "cleansed"; a day of reckoning; told to hate; training camps kept from family.
    category: 'radicalisation',
    patterns: [
      'cleanse|cleansing|cleansed|purify|purifying|purified|purge|purging ~4 country|countries|nation|streets|town|britain|england|land|race|people|world|society|them',
      'country|nation|britain|england|streets|land|race ~4 needs|need|must ~2 cleansing|cleansed|purifying|purified|purging|purged',
      'day ~1 of ~1 reckoning|judgement|judgment|retribution|vengeance|the rope',
      'ready ~2 to ~1 act|strike|rise up|take action|do what it takes',
      'told|taught|teach|teaches|teaching|tell|tells|telling ~3 to ~1 hate',
      'training ~1 camp|camps|videos|video',
      'camp ~8 not|never|dont|secret ~2 tell|telling|told'
    ],
    unless: ['football|sport|sports|scout|scouts|cubs|brownies|guides|summer camp|holiday camp|band camp|church camp|football camp|cricket camp|dance|drama|play|pe|gym|bootcamp|history|lesson|rs|re|film|game|games|fortnite|minecraft|book|story|teeth|house|room|bedroom|tidy|dog|puppy|cadets|duke of edinburgh|dofe|first aid|driving'],
    unlessWindow: 10
  },
  {
    // A message for after it: "tell my mum it wasn't her fault"; a plan that is ready, with a day.
    category: 'suicidal',
    patterns: [
      'tell ~6 not|wasnt|isnt|never ~2 her|his|their|your|anyones|anybodys ~1 fault',
      'plan|plans ~2 ready|set|sorted|made|done ~4 friday|monday|tuesday|wednesday|thursday|saturday|sunday|tonight|tomorrow|weekend|soon'
    ],
    unless: ['party|holiday|trip|birthday|college|project|revision|game|football|match|sleepover|cinema|shopping|prom|broke|broken|lost|late|car|dog|accident|spilt|mess'],
    unlessWindow: 8
  },
  {
    // The means, and how deep or how often: "did it again with the razor", "deep this time".
    category: 'self-harm',
    patterns: [
      'did|do|done|doing ~1 it ~4 razor|blade|blades|sharpener|glass',
      'razor|blade|blades|sharpener ~6 deep|deeper|stitches|bleeding|bled|blood'
    ],
    unless: ['shave|shaving|shaved|beard|dt|lesson|woodwork|craft|crafts|paper|card|cardboard'],
    unlessWindow: 6
  },
  {
    // Touched by another pupil; spat on.
    category: 'child-on-child',
    patterns: [
      'touched|touching|touches|touch|groped|grabbed ~6 by ~2 another|other|older|a ~1 pupil|pupils|student|students|kid|kids|boy|boys|girl|girls|child|lad|lads',
      'spat|spit|spits|spitting ~1 on|at'
    ],
    unless: ['llama|camel|alpaca|zoo|baby|toddler|dinosaur|football|footballer|match|player|pitch|grass|floor|ground'],
    unlessWindow: 6
  },
  {
    // Afraid of a person, and the child's body says so: cries, shakes, will not go.
    category: 'unsafe',
    patterns: ['scared|afraid|frightened|terrified ~2 of ~4 @harmer ~12 cry|cries|crying|cried|shake|shakes|shaking|sick|hide|hides|hiding|refuse|refuses|wet|wets|nightmares|screams|screaming'],
    unlessWindow: 6
  },
  {
    // Gone for nights from where they live: walkabout, AWOL, a runner.
    category: 'missing',
    patterns: [
      'walkabout|awol|a runner ~8 from|residential|home|care|unit|placement|hostel|night|nights|days|weekend',
      'go|goes|going|went|gone|do|did|doing ~1 walkabout|awol|a runner'
    ],
    unless: ['australia|holiday|trip|school trip|walk|hike|guided|museum|zoo|park run'],
    unlessWindow: 8
  },
  {
    // "Become a proper woman" on a visit back home: cutting, told as a coming of age.
    category: 'fgm-forced-marriage',
    patterns: ['become|becoming|make ~2 me|her ~2 a ~1 proper|real|true ~1 woman|lady', 'become|becoming ~1 a ~1 proper|real|true ~1 woman|lady'],
    unless: ['period|periods|puberty|pshe|lesson|bra|make up|makeup|prom|graduation|driving'],
    unlessWindow: 10
  },
  {
    // A parent drinking instead of feeding: "too busy with his cans to remember my tea".
    category: 'neglect',
    patterns: [
      'cans|drunk|drinking|bottle|bottles|vodka|wine|beer|lager|cider|pub|bender|bevvy ~8 forget|forgets|forgot|remember|remembers|no|never|not ~4 tea|dinner|food|meal|meals|breakfast|lunch|feed|fed|eat'
    ],
    unless: ['picnic|party|bbq|barbecue|restaurant'],
    unlessWindow: 8
  },
  {
    // Singled out at home: the one child who does not get a birthday, presents, food.
    category: 'emotional',
    patterns: [
      'i am|im|i ~1 the ~1 only ~1 one|one ~2 who|that ~1 doesnt|dont|does not|do not|never|isnt|is not|not ~1 get|gets|have|has|allowed|invited',
      'sisters|brothers|siblings|everyone else|the others|they ~3 get|gets|got|have ~2 presents|cake|birthdays|birthday|tea|dinner|treats|christmas ~8 i|me ~2 watch|watched|dont|do not|never|not|nothing'
    ],
    unless: ['travel sick|sick|car sick|glasses|braces|nits|chicken pox|allergy|allergic|vegetarian|vegan|diet|coeliac|gluten'],
    unlessWindow: 8
  },
  {
    // A symbol board or a supporter's note: the child pointed to "private" and a person.
    category: 'sexual',
    patterns: ['point|points|pointed|pointing|touched|touches|press|pressed|chose|picked ~6 private|privates|willy|bottom|bum ~6 @person', 'point|points|pointed|pointing|touched|press|pressed|chose|picked ~6 @person ~6 private|privates|willy|bottom|bum']
  },
  // ---------- round 12 (5 Dec): kinds the unseen round12-set missed ----------
  {
    // Scars told as pictures: "arms like a ladder", "a barcode on my thigh", "tiger stripes", "doing my stripes".
    category: 'self-harm',
    patterns: [
      'arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|tummy|hip|hips|body ~4 look|looks|looked|like ~3 ladder|barcode|tiger|zebra|tracks|railway|train tracks|stripes|cheese grater|scratch card',
      'barcode|barcodes|stripes|ladder|ladders|tracks ~3 on ~1 my|his|her ~1 arm|arms|wrist|wrists|thigh|thighs|leg|legs|skin|stomach|hip|hips',
      'do|doing|did|done|does ~1 my|her|his ~1 stripes|lines|barcode|ladder|scratches|marks',
      'me|i ~1 bite|bit|biting|bites|scratch|scratched|pinch|pinched|hit|hitting|punch|punched|bang|banged|cut|burn|burned ~1 arm|arms|hand|hands|leg|legs|head|wrist|skin|self',
      'bite|biting|bites|scratch|scratching|pinch|pinching|head bang|head banging|banging my head ~8 blood|bleed|bleeding|feel better|calm|relief|more|again|hurt myself',
      'bit ~1 my|myself ~1 arm|arms|hand|hands|wrist|wrists|skin|fingers ~8 blood|bleed|bleeding|feel better|calm|relief|again'
    ],
    unless: ['cat|kitten|dog|puppy|rabbit|hamster|brambles|thorns|nettles|mosquito|midge|bug|bugs|insect|flea|ant|ants|wasp|bee|sandwich|apple|food|lunch|nails|eczema|itchy|itch|sunburn|trampoline|zoo|shark|film|barcode scanner|scanner|shop|football kit|kit|stripes on|pyjamas|tops|top|t shirt|shirt|jumper|socks|ladder at|climb|climbing|firefighter'],
    unlessWindow: 6
  },
  {
    // Personal care left undone: a pad or nappy not changed for a long time.
    category: 'neglect',
    patterns: [
      'pad|pads|nappy|nappies|pull up|pull ups|incontinence|continence ~4 wet|dirty|soiled|full|leaked|leaking|smelly|sore|rash ~8 long time|hours|all day|all night|no change|not changed|nobody|noone|never|cold|cry',
      'no|not|never|nobody|noone ~2 change|changes|changed|changing ~2 my|me|his|her ~1 pad|pads|nappy|nappies|pull up|pull ups|sheets|bed|clothes'
    ],
    unless: ['changing places|changing room|changing rooms|accessible toilet|hoist|bigger toilet|more changing|toilets at|swimming|leisure centre|cinema|shopping centre'],
    unlessWindow: 6
  },
  {
    // A parent asleep or in bed all day while the child feeds and dresses the little ones, or goes without.
    category: 'neglect',
    patterns: [
      '@family ~4 asleep|sleeping|in bed|lie in|sleeps|passed out|out of it|on the sofa all day|in her room|in his room ~12 i|we ~4 do|make|get|feed|walk|miss|skip|dress|dressed|look after ~3 tea|dinner|breakfast|lunch|food|sister|sisters|brother|brothers|myself|ourselves|school|cereal|own',
      'i|we ~1 do|make|get ~1 my|our ~1 own ~1 tea|dinner|breakfast|lunch|food|meals ~8 because|cos|as|since|while|mum|dad|most|every|usually|cereal|crisps',
      'stopped|stop|stops|wont|will not|doesnt|does not|refuses|refused ~2 giving|give|get|getting|buying|buy|collecting|collect ~3 me|my|him|his|her ~2 tablets|medicine|medication|meds|inhaler|insulin|epilepsy|seizure|glasses|splints|feeds|hearing aid|hearing aids'
    ],
    unless: ['works nights|night shift|night shifts|works late|on nights|nights at|shift work|shifts', 'proud|learning|learnt|independence|independent|life skills|cooking club|cooking lesson|course|college|sleepover|treat|weekend treat|birthday|holiday|doctor said|doctor stopped|gp|consultant|nurse|changed my|new tablets|ran out at the chemist'],
    unlessWindow: 8
  },
  {
    // A parent's wish that the child had never been: "should have got rid of me", "wish she never had me".
    category: 'emotional',
    patterns: [
      'should|shouldve|should have|wish|wishes|wished ~3 got rid of|get rid of|aborted|abort|never had|not had|given away|gave away ~1 me|him|her|us',
      'wish|wishes|wished ~2 i|he|she|we ~1 was|were|had ~1 never ~1 born ~6 mum|dad|says|said|tells|told|parent|nan|step',
      '@family ~3 says|said|tells|told|calls|called ~3 wish|wishes ~2 never ~1 had|born'
    ],
    unless: ['puppy|dog|cat|kitten|pet|car|phone|sofa|old clothes|toys|junk'],
    unlessWindow: 4
  },
  {
    // A hand on the leg that goes higher: "taxi driver. hand on my leg. every morning. goes higher".
    category: 'sexual',
    patterns: [
      'hand|hands ~2 on|up ~1 my|her|his ~1 leg|legs|thigh|thighs|knee|knees|lap|skirt ~8 higher|further|up|every|always|again|secret|keeps|leaves|stays',
      '@person ~4 hand|hands ~2 on|up ~1 my|her ~1 leg|legs|thigh|thighs|lap|skirt'
    ],
    unless: ['physio|physiotherapy|stretches|exercises|splint|splints|massage|cream|plaster cast|cast|brace|doctor|nurse|hydrotherapy|swimming|hoist'],
    unlessWindow: 6
  },
  {
    // Minimised blows and PE-changing-room violence: "only a slap", "wedgies", "head slammed in a locker".
    category: 'physical',
    patterns: [
      'only|just ~2 a|the ~1 slap|slaps|smack|smacks|whack|clip|clip round the ear|kick|punch|thump|back hander|backhander|belt|belting|hiding ~8 when|if|cos|because|for|fine|nothing|worse',
      'brothers|sisters|siblings|we|they ~1 get|gets|got ~1 it ~1 worse|too|as well|more'
    ],
    unless: ['football|match|game|rugby|boxing|karate|judo|pads|sparring|wrestling|dodgeball|pillow|snowball|play fight|playfight|tag|tickle|joke|telly|tv|film|punchline|drink|punch bowl|fruit punch|kick off|penalty|free kick|corner kick|goal kick|story|detention|grounded|told off|telling off|sent to my room|phone taken|ban|banned|screen time'],
    unlessWindow: 8
  },
  {
    category: 'child-on-child',
    patterns: [
      'wedgie|wedgies|swirly|swirlies|pantsed|pantsing|depantsed|happy slapped|happy slapping',
      'slammed|slam|shoved|shove|pushed|stuffed|locked|shut|thrown|threw ~4 in|into|inside ~2 locker|lockers|bin|bins|toilet|toilets|cupboard'
    ],
    unless: ['film|movie|telly|tv|cartoon|story|book|my bag|my coat|my books|my stuff|bag in|coat in|books in|rubbish in|litter|recycling'],
    unlessWindow: 6
  },
  {
    // Forced marriage named as such; the line or the trap phone; harm "in real life" ranked like a game; a body shown on camera.
    category: 'fgm-forced-marriage',
    patterns: [
      'forced ~1 marriage|married|to marry|into marriage|into marrying|wedding|engagement|into a marriage',
      'need|needs|needed|have to|has to|must|getting|get|got|booked|having|do|done|doing ~2 fgm',
      'fgm ~8 trip|booked|summer|holiday|july|august|before|older|ready|aunt|nan|back home'
    ],
    unless: ['@lesson', 'learn|learnt|learned|learning|taught ~3 about', 'film|book|story|poster|leaflet|charity|documentary|news|drama|play about|acting|character|role play', 'against the law|illegal|who me can tell|who to tell|where to get help'],
    unlessWindow: 6
  },
  {
    category: 'exploitation',
    patterns: [
      'run|running|ran|work|working|worked|hold|holding|held|answer|answering|on ~1 the|a|their|his ~1 line|lines|deal line|trap line|trap phone|work phone|burner',
      'trap|traps|trapping ~1 phone|house|line|spot'
    ],
    unless: ['factory|kitchen|production|assembly|restaurant|apprenticeship|fishing|washing line|starting line|finish line|phone line|help line|helpline|childline|bus line|train line|tube line|front line|punch line|punchline|in line|queue|story line|storyline|lines in the play|lines for the play|learn my lines|learning lines|drama|play|poem|football|rugby|offside'],
    unlessWindow: 6
  },
  {
    category: 'radicalisation',
    patterns: [
      'take out|takes out|taking out|took out|kill|kills|killing|shoot|shooting|hurt|attack|attacking ~8 in real life|irl|for real|in person|real people',
      'leaderboard|scoreboard|high score|top score|points ~8 in real life|irl|for real|real people|real world'
    ],
    unless: ['quiz|maths|reading|spelling|steps|fitness|walk|walking|run|running|charity|fundraising|recycling|litter|coins|stars|merits|house points'],
    unlessWindow: 6
  },
  {
    category: 'online',
    patterns: [
      'without|no|take off|took off|taking off|takes off ~2 my|her|his|me ~1 top|shirt|clothes|bra|pants|knickers|trousers|t shirt|bottoms ~10 facetime|call|calls|camera|cam|video|snapchat|snap|online|see|watch|show|send|pictures|picture|photos|photo',
      'see|sees|watch|watches|show|shows|look at ~3 me|my ~3 without ~2 my|me ~1 top|shirt|clothes|bra|pants|knickers|trousers'
    ],
    unless: ['doctor|nurse|gp|physio|swimming|changing room|changing rooms|pe|sun cream|suncream|hospital|x ray|scan|check up|checkup|rash|eczema|mum helps|carer helps'],
    unlessWindow: 10
  },
  // ---------- round 14 (5 Dec): kinds the unseen round14-set missed ----------
  {
    // Spat in the hair or the face, a disability slur: "stop calling me the r word and spitting in my hair".
    category: 'child-on-child',
    patterns: [
      'spit|spits|spat|spitting|gob|gobbed|gobbing ~2 in|into|on ~1 my|me|his|her ~1 hair|face|food|drink|mouth|eye|eyes|bag|coat|lunch',
      'call|calls|called|calling|say|says|said ~2 me|him|her|us ~2 the ~1 are|r|n|p|f|s ~1 word',
      'call|calls|called|calling ~2 me|him|her|us ~2 retard|retarded|spaz|spastic|mong|window licker|sped|special needs'
    ],
    unless: ['llama|llamas|camel|camels|baby|babies|toddler|dentist|swimming|pool|toothpaste|film|book|lesson|pshe|learned|learnt|about why'],
    unlessWindow: 6
  },
  {
    // A drop done for someone, and a threat if not: "u done the drop? … leave now or u know wat happens".
    category: 'exploitation',
    patterns: [
      'done|do|did|doing|make|made|making|finish|finished ~1 the|a|that|this|ur|your|my ~1 drop|drops|run|runs ~4 yet|now|today|tonight|not yet|leave|go|already|or',
      'or|else ~2 know ~1 what ~2 happen|happens|happened|will happen'
    ],
    unless: ['drop off|dropoff|school run|nursery|parcel|bass|beat|mic|rain|ball|catch|cross country|fun run|park run|parkrun|running club|marathon|homework or|bedtime|tidy'],
    unlessWindow: 5
  },
  {
    // Caring that costs school, and nobody from home at the things that matter: "so I could go to school
    // more than two days a week"; "nobody from home came to my review".
    category: 'neglect',
    patterns: [
      'go|get|got|going|make it ~1 to ~1 school|college ~1 more than ~1 one|two|three|1|2|3|a couple|a few ~1 day|days|times ~2 a|per|each|every|in ~1 week|fortnight|month',
      'only ~3 go|get|got|make it ~1 to ~1 school|college ~2 one|two|three|1|2|3|a couple ~1 day|days ~2 a|per|every|each ~1 week',
      'nobody|noone|no one ~2 from ~1 home|my family|my house ~6 came|comes|come|turned up|turns up|showed up|shows up|was there|were there|visits|rings',
      'nobody|noone|no one ~1 came|comes|come|turned up|turns up|showed up|shows up ~2 to|for ~2 review|reviews|parents evening|sports day|play|assembly|concert|nativity|meeting|graduation|prom|awards|prize giving|hospital|my birthday|christmas play'
    ],
    unless: ['covid|lockdown|online|cancelled|strike|snow|flood|part time timetable because of my|phased|transition|poorly|ill|ill so|too ill|hospital stay|my choice|chose|i asked|didnt want them|did not want them|college timetable|courses'],
    unlessWindow: 8
  },
  {
    // Watching a girl's body for "honour": "my aunt checks my bedsheets, counts my days".
    category: 'fgm-forced-marriage',
    patterns: [
      'check|checks|checked|checking|look at|looks at|inspect|inspects ~2 my|her ~1 bedsheets|bed sheets|sheets|underwear|knickers|pants',
      'count|counts|counting|counted|track|tracks|tracking|write down|writes down ~2 my|her ~1 days|periods|period|cycle|bleeding'
    ],
    unless: ['wet|wets|wetting|bedwetting|accident|accidents|pull ups|pullups|enuresis|nappy|pad change|app|calendar|nurse|doctor|gp|diary|epilepsy|seizures|migraines|endometriosis|pcos|pain|heavy|step count|steps|sleep'],
    unlessWindow: 8
  },
  {
    // Symbols and slogans of violent extremism, and a man teaching children "the enemy" and targets.
    category: 'radicalisation',
    patterns: [
      'black sun|sonnenrad|wolfsangel|totenkopf|day of the rope|fourteen words|14 words|1488|atomwaffen|terrorgram|accelerationist|saint tarrant|the turner diaries|siege pilled|white power|white pride worldwide|jihadi john|shaheed|shahid',
      'teach|teaches|taught|teaching|tell|tells|told|show|shows|showed|explains ~2 us|me|them|the boys|the kids ~2 about ~2 the ~1 enemy|enemies|targets|the kuffar|traitors',
      'which|what ~1 buildings|places|targets|mosques|churches|synagogues|temples ~4 matter|to hit|to attack|important|count|are weak|to burn'
    ],
    unless: ['history|lesson|pshe|prevent|learned|learnt|documentary|news|teacher|game|war game|fortnite|call of duty|cod|minecraft|roblox|strategy|chess|geography|town planning|architecture|heritage|fire drill|fire safety|star wars|pokemon|football|match|quiz|ww2|world war|tour|visit'],
    unlessWindow: 10
  },
  // ---------- round 13 (5 Dec): kinds the unseen round13-set missed ----------
  {
    // Medicine forgotten or not given, told without a person: "seizure tablets forgotten again".
    category: 'neglect',
    patterns: [
      'tablets|medicine|medication|meds|insulin|inhaler|injections|seizure meds|epilepsy meds ~2 forgotten|forgot|missed|not given|never given|ran out|run out|runs out ~3 again|always|lots|every|week|weeks|days|nobody|noone',
      'got|get|gets|was|were|been|being|am ~1 left ~3 in|at|on|outside ~2 car|van|house|flat|home|street|park|shop|pub|bus stop ~10 hours|ages|all day|all night|alone|on my own|while|night|hot|cold|sick|pub|dark',
      'do|doing|make|making|get|getting|sort|sorting ~1 my|our ~1 own ~1 tea|dinner|breakfast|lunch|food|meals ~12 because|cos|as|since|while|mum|dad|out|late|most|every|usually|used to|microwave|cereal|crisps|im|i am|age',
      '@family ~3 usually|always|often|mostly ~2 out|away|gone ~2 till|until|late|all night|all day|most nights'
    ],
    unless: ['works nights|night shift|night shifts|works late|on nights|shift work|shifts', 'proud|learning|learnt|independence|independent|life skills|cooking club|cooking lesson|course|college|sleepover|treat|birthday|holiday|school trip|pharmacy|prescription|chemist|doctor|nurse|gp|alarm|reminder|app'],
    unlessWindow: 8
  },
  {
    // "My husband is waiting": a husband spoken of by a girl still at school.
    category: 'fgm-forced-marriage',
    patterns: ['my|a|her ~1 husband|wife ~2 is|s|are ~1 waiting|ready|chosen|picked|found', 'lucky ~3 anyone|anybody|someone ~3 will|would ~1 have|marry|take ~1 her|me'],
    unless: ['in the car|outside|downstairs|at home for me|for dinner'],
    unlessWindow: 4
  },
  {
    // A plan to attack, however short: "online group planning attack".
    category: 'radicalisation',
    patterns: ['planning|plan|plans|planned|plotting|plot ~3 attack|attacks|bombing|bomb|shooting|massacre|to hurt people|to kill people|something big'],
    unless: ['fortnite|minecraft|roblox|game|games|team|match|football|rugby|chess|war game|warhammer|dnd|d and d|campaign|paintball|laser tag|nerf|surprise|party|birthday|revision|essay|lesson|story|book|film'],
    unlessWindow: 8
  },
  {
    // An online "boyfriend" who is older, sends presents and wants to meet.
    category: 'online',
    patterns: [
      '@online|internet ~8 boyfriend|girlfriend|friend|bf|gf|mate ~12 meet|meeting|presents|gifts|sends|buys|older|secret|station',
      'boyfriend|girlfriend|bf|gf|friend ~8 sends|buys|gives|gave|sent|bought ~3 presents|gifts|money|vouchers|robux|vbucks|clothes|phone ~12 meet|older|secret|station|hotel|alone',
      'wants|wanted|asked|asks|keeps asking ~2 to ~1 meet ~6 station|park|shops|town|alone|secret|saturday|sunday|tonight|hotel|his house|her house|car'
    ],
    unless: ['school friend|my class|my form|cousin|mum knows|dad knows|parents know|with my mum|with my dad|youth club|club|team|birthday party|my best friend from school'],
    unlessWindow: 10
  },
  // ---------- rounds 10 and 11 (5 Dec): kinds the unseen round10-set and round11-set missed ----------
  {
    // Old words for a beating, and marks a hand leaves: "a good hiding", "heavy handed", "finger marks on my cheek".
    category: 'physical',
    patterns: [
      'good|proper|right ~1 hiding|leathering|belting|thrashing|hammering|battering|kicking|slapping|beating',
      'heavy handed|handy with his|handy with her|free with his hands|free with her hands',
      'finger|fingers|hand|hands|slap|grip|belt|buckle ~1 mark|marks|print|prints|shaped'
    ],
    unless: ['football|match|game|team|cup|league|final|rugby|won|lost|beat us|painting|paint|art|clay|glass|window|mirror|screen|ipad|tablet'],
    unlessWindow: 6
  },
  {
    // Doses missed at home: a child's insulin, epilepsy or other medicine not given.
    category: 'neglect',
    patterns: ['miss|missed|misses|missing|skip|skipped|forget|forgot|forgets|forgotten ~3 loads|lots|most|many|all|half ~2 of ~1 my|his|her ~1 dose|doses|insulin|injections|meds|medication|medicine|tablets|feeds',
      'miss|missed|misses|missing|skip|skipped ~2 my|his|her ~1 dose|doses|insulin|injections|feeds ~6 because|cos|as|since|when|mum|dad|nobody|noone|again|week|weeks|days|lots|loads'],
    unless: ['alarm|reminder|app|pharmacy|prescription ran|chemist|sick bug|vomiting|nurse changed|doctor changed'],
    unlessWindow: 8
  },
  {
    // Private parts with a secret, as fragments or a sentence: "Uncle. Privates. Secret."
    category: 'sexual',
    patterns: [
      'private|privates|willy|penis|vagina|fanny|bum|bottom|down there|pants|knickers ~4 secret|secrets|our secret|dont tell|do not tell|not tell|shh|hush',
      'secret|secrets ~4 private|privates|willy|penis|vagina|fanny|down there|pants|knickers',
      '@person ~2 private|privates|willy|penis|vagina|fanny|down there ~3 hurt|hurts|sore|touch|touched|touches|secret|bad|no|again'
    ],
    unless: ['pshe|lesson|rse|body parts|pants rule|underwear rule|nspcc|doctor|nurse|medical|rash|cream|check up|checkup'],
    unlessWindow: 10
  },
  {
    // An adult who calls the child a girlfriend or boyfriend, and what "they let you do".
    category: 'sexual',
    patterns: [
      'girlfriends|boyfriends|wives|girls|boys ~2 let|lets|have to|has to|should|do ~3 do ~1 stuff|things|it|what',
      'my|his|her ~1 girlfriend|boyfriend|wife|little wife|special girl|special boy ~1 now ~12 shower|bath|bed|bedroom|changing|dressing|helping|helps|pa|carer|worker|staff|driver|escort|uncle|teacher|coach',
      'pa|carer|worker|staff|driver|escort|uncle|teacher|coach|tutor ~10 my|his|her ~1 girlfriend|boyfriend|wife|little wife|special girl|special boy',
      'let ~1 me|him|her|them ~1 do ~1 stuff|things ~8 shower|bath|bed|bedroom|changing|secret|special|pants|girlfriend|boyfriend'
    ],
    unless: ['pshe|lesson|film|movie|song|book|story|game'],
    unlessWindow: 8
  },
  {
    // Home as a battlefield: "our kitchen is a war zone", "mum's always the one getting wounded".
    category: 'domestic',
    patterns: [
      'home|house|kitchen|flat|living room|our place|at home ~4 war zone|warzone|battlefield|battleground|battle|war|boxing ring|bloodbath',
      'war zone|warzone|battlefield|battleground|boxing ring ~4 at ~1 home|house|my house|our house|kitchen|flat',
      '@family ~4 always|the one|usually ~4 getting|gets|got|ends up ~1 hurt|wounded|injured|bruised|battered|beaten|hit'
    ],
    unless: ['game|fortnite|call of duty|cod|xbox|playstation|film|movie|lego|toys|nerf|war film|ww2|history|mess|messy|tidy|untidy|cooking|baking|decorating|builders|renovation'],
    unlessWindow: 8
  },
  {
    // Debt bondage: "you lost our food so you owe three grand", "you work for us now", a new sim.
    category: 'exploitation',
    patterns: [
      'owe|owes|owed|owing ~4 grand|thousand|thousands|k|bags|debt|big money|them money|him money|them loads|him loads',
      'debt ~4 work|working|pay it off|pay off|run|runs|drop|drops|shotting',
      'work|working|works ~1 for ~1 us|them|him|me ~1 now',
      'lost|lose|loses|robbed|taken ~3 their|our|his|the ~1 food|stuff|package|parcel|bag|bags|gear|product|drugs|money ~8 owe|debt|pay|work|grand|dead',
      'gave|give|given|gives|got ~3 me ~3 new|burner|second|another|different|work ~1 sim|phone|line|number ~8 they|he|them|him|use|call|answer|work|only',
      'burner ~1 phone|sim|line',
      'do|doing|did ~1 a ~1 drop|drops|drop off|run ~8 or|else|otherwise|tonight|later|after school',
      'drop|drops|run|runs|package|parcel|food|bag|bags|line ~8 or ~2 i am|im|i|ill|me ~2 dead|done|getting merked|get merked|getting stabbed|get stabbed|getting hurt|get hurt'
    ],
    unless: ['student loan|loan|mortgage|mum|dad|parents|nan|sister|brother|library|fine|book|homework|shift at|my job|apprenticeship|contract|upgrade|birthday|christmas|broke|broken|lost my phone|cracked|tesco|cafe|paper round|interview|part time|saturday job|drop off at school|drop me off|cricket|athletics|relay|parkrun|fun run'],
    unlessWindow: 8
  },
  {
    // A means of self-harm that "helps": "the thing with the lighter helps me calm down".
    category: 'self-harm',
    patterns: [
      'lighter|razor|razors|blade|blades|sharpener|compass|scissors|glass|burning|burn|burns|cutting|cuts|scratching|scratch|scratches|ice|elastic band|rubber band|hair pulling|pulling my hair|picking ~8 helps|help|calms|makes|only thing ~2 me ~2 calm|cope|feel|relax|release|numb|better|in control|real',
      'only ~1 way ~2 i ~1 can ~1 cope|calm down|feel|feel something|feel better|deal with it'
    ],
    unless: ['candle|candles|bbq|barbecue|cooking|hair|craft|crafts|art|woodwork|fidget|sensory|weighted|music|headphones|walk|walking|swim|swimming|dog|cat|bath|breathing|squeeze|stress ball|ice cream|ice pack|ice skating|ice lolly|lolly|drink|water|trampoline'],
    unlessWindow: 8
  },
  {
    // Ending life in other words: "finish life", "end it", "put an end to me"; "married off".
    category: 'suicidal',
    patterns: [
      'finish|finished|finishing|stop|end|ending ~2 my|me|own|this ~1 life',
      'me ~1 finish|end|stop ~1 life',
      'put ~1 an ~1 end ~1 to ~1 it all|myself|me|everything|my life'
    ],
    unless: ['school life|college life|life skills|life cycle|lifeguard|life jacket|battery life|game|level|video game|school|college|course|exam|exams|book|story|film|project'],
    unlessWindow: 3
  },
  {
    // Married off; a husband never met, waiting, or picked; a girl sent or posted to a husband.
    category: 'fgm-forced-marriage',
    patterns: [
      'marry|married|marrying|marries ~2 me|her|us|them ~1 off',
      'marry|married|marrying|marries ~0 off',
      'husband|wife|groom|bride ~4 i|she|we ~2 never|not ~1 met|seen',
      'never|not ~1 met|seen ~3 husband|wife|groom|the man|him',
      'husband|wife|groom|man|match ~3 wait|waits|waiting|lined up|picked out|chosen|sorted|found|ready ~3 for ~1 me|her|4',
      'sent|send|sending|posted|posting|shipped|packed|packing|given|giving ~6 to ~2 husband|a husband|a man|a wife|marry|wed',
      'booked|book|booking ~2 flights|flight|tickets|plane ~12 husband|wife|marry|married|wedding|groom|bride|engaged|rishta|nikah'
    ],
    unless: ['my sister|my cousin|my brother|auntie|aunty ~4 happy|excited|chose|loves|in love|each other'],
    unlessWindow: 4
  },
  {
    // Abroad, then cut: the order reversed ("plane to Somalia this summer … cut").
    category: 'fgm-forced-marriage',
    patterns: ['plane|flight|flights|fly|flying|going|go|trip|summer|holiday ~4 to ~1 @abroad ~10 cut|cutting|snip|cleaned|cleansing|made clean|made pure'],
    unless: ['hair|haircut|fringe|nails|grass|hedge|finger|paper|cake|ribbon|onion|vegetables|fruit'],
    unlessWindow: 6
  },
  {
    // Work for nothing, round the clock, with no pay, papers or way out.
    category: 'slavery-trafficking',
    patterns: [
      'work|working|works|worked|clean|cleaning|cook|cooking ~3 for ~1 nothing|free|no money|no pay|no wages|food only|just food|my keep',
      'work|working|clean|cleaning|cook|cooking ~3 24 7|all day and night|day and night|all night|every night|every day all day|round the clock|non stop ~8 no|not|never ~1 money|pay|paid|wages|passport|papers|door|out|school',
      'no ~1 money|pay|wages ~3 no ~1 passport|papers|id|documents|docs|door|way out|school|phone',
      'keep|keeps|kept|took|take|takes|have|has|holding|hold|holds ~2 my|our|his|her ~1 docs|documents'
    ],
    unless: ['apprenticeship|volunteer|volunteering|work experience|charity|chores|pocket money|homework|revision|duke of edinburgh|dofe|bake sale'],
    unlessWindow: 8
  },
  {
    // On the streets, off grid, not coming back, unseen for days.
    category: 'missing',
    patterns: [
      'on|living on|sleeping on|live on|sleep on ~1 the ~1 streets|street ~1 now|again|tonight|since',
      'living|sleeping|sleep|slept|live ~1 rough',
      'not|never|no ~1 coming|going|goin|go ~1 back ~4 @home|there|the home|my placement|foster|ever|everrr',
      'gone|going|go|went ~1 off ~1 grid|the grid|radar|the radar',
      'nobody|noone|no one ~3 seen|knows ~3 me|where i am|where i|where he|where she ~8 since|for days|days|weeks|placement|home|foster|want it',
      'nobody|noone ~2 knows ~1 where ~1 i ~1 am|i sleep|im staying|i stay'
    ],
    unless: ['holiday|trip|camp|sleepover|residential trip|dofe|duke of edinburgh|hide and seek|game|film|book|story|school trip|after the summer|moving house|moved house|new school|university|uni'],
    unlessWindow: 8
  },
  {
    // A person who scares: "he's scary and he stares at me".
    category: 'unsafe',
    patterns: [
      '@harmer|friend ~2 is|was|are|were|gets|looks ~1 scary|creepy|frightening|terrifying|menacing',
      'scary|creepy|frightening ~8 stare|stares|staring|stared|watches|watching|follows|following|followed|looks at me'
    ],
    unless: ['film|movie|ride|game|story|book|halloween|mask|costume|dog|spider|spiders|clown|teacher when|exam|test|dentist|roller coaster|rollercoaster|haunted|zombie|ghost|dinosaur|play|show|trailer|documentary|documentaries|true crime|murder mystery|podcast|series|episode|but good|but fun|but funny|but i liked|but i loved'],
    unlessWindow: 8
  },
  // ---------- round 15 (5 Dec, evening): kinds the unseen round15-set missed ----------
  {
    // Swallowing what is not food, drinking what is not drink, when distressed: "swallowing small objects
    // and drinking hand sanitiser when she is upset". (A toddler's or a dog's accident is not this.)
    category: 'self-harm',
    patterns: [
      'swallow|swallows|swallowed|swallowing ~3 objects|object|things|bits|batteries|battery|pins|pin|needles|needle|glass|screws|screw|coins|magnets|blades|blade|nails|bleach|sanitiser|sanitizer|gel|shampoo|soap|chemicals|poison|stones|buttons',
      'drink|drinks|drank|drinking|swig|swigging|down|downed|downing ~3 bleach|sanitiser|sanitizer|hand gel|shampoo|washing up liquid|detergent|perfume|nail varnish remover|antifreeze|chemicals|poison|cleaning stuff|cleaning products|mouthwash|aftershave|cologne|surgical spirit|white spirit|lighter fluid|disinfectant|dettol|fabric softener'
    ],
    unless: ['baby|toddler|dog|puppy|kitten|cat|accidentally|accident|by mistake|sword|magician|magic|trick|science|experiment|lesson|pshe|film|story|bird|birds|my little brother|my little sister|when he was little|when she was little|when i was little|chewing gum|gum|pill|tablet|tablets|my pills|my tablets|medicine|hard to swallow|swallow my pride|swallowed my pride|water|pasta'],
    unlessWindow: 6
  },
  {
    // Marks given a story nobody could believe, and the tool named: "these marks are from my cat, my cat
    // who has a razor blade apparently".
    category: 'self-harm',
    patterns: [
      'mark|marks|cut|cuts|scratch|scratches|scar|scars|line|lines ~14 razor|razors|razor blade|razorblade|blade|blades|sharpener|sharpeners',
      'razor|razors|razor blade|razorblade|blade|blades|sharpener ~10 mark|marks|cut|cuts|scar|scars|arm|arms|wrist|wrists|thigh|thighs|leg|legs'
    ],
    unless: ['shave|shaving|shaved|beard|skate|skates|skating|lawnmower|mower|woodwork|dt|craft|stanley|paper|card|cardboard|scissors|fan|fans|helicopter|grass|turbine|blender|food processor|sword|lightsaber|game|fortnite|minecraft|knight|ninja|film|movie|character|book|story|pencil sharpener broke|new sharpener|barber|hairdresser|hair'],
    unlessWindow: 8
  },
  {
    // Plans of a place of worship, and racist or extremist talk taken up: "printed a map of our local mosque
    // with notes on it"; "has started using racist language".
    category: 'radicalisation',
    patterns: [
      'map|maps|plan|plans|photos|photo|pictures|picture|pics|notes|layout|drawing|drawings|diagram|diagrams|video|videos|filming|filmed ~4 mosque|mosques|synagogue|synagogues|church|churches|gurdwara|gurdwaras|temple|temples|mandir|masjid|prayer hall',
      'start|started|starting|begin|begun|began|keep|keeps|been ~3 using|saying|posting|sharing|repeating|shouting|writing|drawing ~2 racist|nazi|far right|extremist|antisemitic|islamophobic|white power|jihadi|jihadist|terrorist ~1 language|words|stuff|things|symbols|memes|slogans|songs|chants|jokes'
    ],
    unless: ['re lesson|religious studies|project|homework|open day|history|architecture|art|geography|wedding|eid|christmas|diwali|vaisakhi|visit|visited|trip|tour|lego|minecraft|model|colouring|volunteer|volunteering|food bank|we pray|i pray|pray at|my mosque|my church|our church|our mosque|sunday school|madrassa|choir|at me|about me|to me|called me|calls me'],
    unlessWindow: 8
  },
  {
    // A child made to work for others, and the money kept: "after school I must clean the houses of my
    // aunty's friends until midnight and she keeps the money"; "I work in her shop 12 hours a day, she gives
    // me food and a bed, that's like payment".
    category: 'slavery-trafficking',
    patterns: [
      'clean|cleans|cleaning|cleaned ~2 the ~1 houses|homes|flats|offices|hotels|hotel rooms ~2 of|for|at ~3 friend|friends|people|neighbours|aunt|aunty|auntie|uncle|strangers|customers|her|his|their|them|other',
      'clean|cleans|cleaning|cleaned ~2 other ~1 people|peoples|families|houses',
      '@work ~10 keep|keeps|kept|take|takes|took|taking|pocket|pockets|pocketed ~3 the|all|my|all the|all my ~1 money|wages|pay|earnings|cash',
      'keep|keeps|kept|take|takes|took ~3 the|all|my ~1 money|wages|pay|earnings ~10 i|me ~3 work|clean|cook|serve',
      'food|meals|a bed|bed|roof|room|somewhere to sleep|place to sleep ~6 like|as|is|instead of|for ~1 payment|pay|wages|money|salary',
      'paid|pay|pays ~2 me ~2 in|with ~1 food|meals|a bed|somewhere to sleep'
    ],
    unless: ['pocket money|chores|saturday job|part time job|minimum wage|payslip|tax|volunteer|volunteering|charity|work experience|dofe|sponsored|fundraiser|fundraising|car boot|bake sale|dog|dogs|cat|hamster|game|minecraft|roblox|sims|role play|roleplay|story|film|lesson|history|victorian|victorians'],
    unlessWindow: 10
  },
  {
    // Working days no child works: "12 hours a day in the shop".
    category: 'slavery-trafficking',
    patterns: [
      '@work ~8 8|9|10|11|12|13|14|15|16|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen ~1 hours|hour|hrs ~2 a|per|every|each ~1 day|night|shift',
      '8|9|10|11|12|13|14|15|16|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen ~1 hours|hour|hrs ~2 a|per|every|each ~1 day|night ~8 @work'
    ],
    unless: ['my mum works|my dad works|mum works|dad works|nurse|nurses|doctor|doctors|shift pattern|when i am older|when im older|grown up|when i grow up|career|apprenticeship|job centre|revision|revise|revising|gaming|xbox|screen time|sleep|sleeps|slept|paper round|pocket money|chores|saturday job|part time job|minimum wage|payslip|tax|volunteer|volunteering|charity|work experience|dofe|sponsored|fundraiser|fundraising|car boot|bake sale'],
    unlessWindow: 10
  },
  {
    // School allowed on some days only: "and I can go to school one day a week".
    category: 'neglect',
    patterns: [
      'can|allowed|let|lets|get to|am allowed|is allowed ~2 go ~1 to ~1 school|college ~1 one|1|two|2|a ~1 day|days ~2 a|per|each|every ~1 week|fortnight|month'
    ],
    unless: ['work experience|college course|placement|apprenticeship|part time timetable|phased|transition|taster|link course|forest school|alternative provision|home educated|flexi'],
    unlessWindow: 8
  },
  // ---------- our own probes (5 Dec, evening): kinds no set had, written for the category ----------
  {
    // Wanting not to exist, and wanting to be with someone who has died: "I'd rather not exist"; "I want
    // to join my grandad in heaven now".
    category: 'suicidal',
    patterns: [
      'rather|prefer ~2 not ~1 exist|be here|be alive|be born|wake up',
      'join|be with|go to|go and see|go see ~3 grandad|granddad|nan|nana|gran|grandma|grandpa|granny|mum|dad|mam|brother|sister|friend|baby|auntie|aunty|uncle|cousin|him|her ~4 heaven|in the sky|up there|in the stars|with the angels|where they are|where she is|where he is',
      'go|going|get|be ~2 to ~1 heaven ~3 now|soon|tonight|today|early|sooner|quicker|faster|already'
    ],
    unless: ['film|story|song|hymn|assembly|re lesson|religious studies|poem about|book|game|character|funeral|when i am old|when im old|one day when|a long time'],
    unlessWindow: 8
  },
  {
    // A parent who does not get up, and the child doing the caring: "my mum doesn't get up so I get my little
    // brothers ready for school".
    category: 'neglect',
    patterns: [
      '@family ~4 doesnt|does not|never|cant|can not|wont|will not|dont|do not ~1 get|gets|got ~1 up|out of bed ~12 i|we ~4 do|make|get|feed|walk|dress|look after|take|sort ~3 brother|brothers|sister|sisters|siblings|myself|ourselves|school|breakfast|tea|dinner|ready'
    ],
    unless: ['weekend|weekends|saturday|sunday|saturdays|sundays|holidays|on her day off|on his day off|night shift|nights|works nights|lie in'],
    unlessWindow: 12
  },
  {
    // Care a child's body needs and nobody gives, for weeks: "we've had nits for months and nobody treats them".
    category: 'neglect',
    patterns: [
      'nits|lice|headlice|head lice|scabies|worms ~6 months|weeks|ages|years|always|forever|nobody|no one|noone|never',
      'rash|infection|toothache|tooth ache|earache|ear ache|sore|sores ~8 nobody|no one|noone|never ~3 takes|took|treats|treated|does|did|helps|helped|cares|notices',
      'for ~1 months|weeks|ages|years ~4 nobody|no one|noone ~2 treats|treated|sorts|sorted|fixes|fixed|does anything|did anything|helps|helped|notices|noticed|cares|cared'
    ],
    unless: ['school sent a letter|letter home|going round|going around|at school again|whole class|the class|shampoo worked|comb|combed|doctor gave|gp gave|cream|all gone|gone now|better now|sorted now|vet|dog|cat|fish|plant|plants|game'],
    unlessWindow: 8
  },
  // ---------- round 16 (5 Dec, evening): kinds the unseen round16-set missed ----------
  {
    // Someone held against a wall or a fridge: "my uncle had my mum pinned against the fridge again".
    category: 'domestic',
    patterns: [
      'pin|pins|pinned|pinning|hold|holds|held|holding|shove|shoved|push|pushed|slam|slammed ~2 mum|mam|mother|her|nan|sister|brother|dad|him ~3 against|to|up against|into ~2 the|a ~1 wall|walls|fridge|door|floor|bed|cupboard|counter|worktop|sofa|car|radiator|window',
      'mum|mam|mother|her|nan|sister|brother|dad|him ~2 pinned|held|shoved|pushed|slammed|trapped ~2 against|to|up against|into ~2 the|a ~1 wall|walls|fridge|door|floor|bed|cupboard|counter|worktop|sofa|car|radiator|window'
    ],
    unless: ['wrestling|wwe|game|play|playing|film|movie|story|tickle|tickling|hug|hugged|cuddle|poster|posters|picture|pictures|photo|magnet|magnets|note|notes|drawing|drawings|calendar'],
    unlessWindow: 6
  },
  {
    // Something thrown at a head or face: "a shoe thrown at your head for being autistic too loudly".
    category: 'physical',
    patterns: [
      'throw|throws|threw|thrown|chuck|chucks|chucked|lob|lobbed|hurl|hurled|fling|flung ~4 at ~2 my|me|her|his|him ~1 head|face|back|body|eye|eyes'
    ],
    unless: ['ball|balls|snowball|snowballs|pillow|pillows|water balloon|balloons|sponge|football|dodgeball|frisbee|game|playing|play fight|bean bag|beanbag|teddy|confetti|paper plane|catch|wwe|film|story'],
    unlessWindow: 8
  },
  {
    // Marks whose cover story is denied: "the 'cat scratches' on my wrist aren't from a cat. I don't have a cat."
    category: 'self-harm',
    patterns: [
      'scratch|scratches|mark|marks|cut|cuts|scar|scars|bruise|bruises|line|lines ~10 not|arent|are not|isnt|is not|werent|were not ~3 from|off|by ~2 a|the|my ~1 cat|cats|dog|kitten|puppy|bush|brambles|hamster',
      'do not|dont|never ~1 have|had|got ~2 a ~1 cat|dog|kitten|pet'
    ],
    unless: ['allergic|allergy|asthma|want a cat|want a dog|wish i had|would like|can we get|asked for|rented|landlord'],
    unlessWindow: 6
  },
  {
    // Humiliation as punishment: "mum makes her wear a nappy to school when she has accidents so she 'learns her lesson'".
    category: 'emotional',
    patterns: [
      'nappy|nappies|pull ups|pullups|pull up ~12 learn|learns|learned|learnt ~2 lesson|punish|punished|punishment|embarrass|embarrassed|show everyone|laugh|laughed|teach ~2 lesson',
      'make|makes|made|force|forces|forced ~3 me|her|him|us ~2 wear ~2 a|the ~1 nappy|nappies|pull ups ~4 to school|in public|at school|outside|to the shop|in front of'
    ],
    unless: ['doctor|nurse|continence|at night|overnight|for bed|swimming|swim nappy|medical|gp|consultant|school nurse agreed|care plan'],
    unlessWindow: 8
  },
  {
    // A child showing on a body map or a doll: "pointed to the genital area on the body map … then signed 'Grandad'".
    category: 'sexual',
    patterns: [
      'body map|body chart|bodymap|doll|dolls|body outline ~12 genital|genitals|genital area|private|privates|groin|penis|vagina|bottom|bum|willy|fanny',
      'genital|genitals|genital area|private parts|privates ~8 sore|sore places|hurt|hurts|hurting|pain|painful|bleed|bleeding|bruised|bruise'
    ],
    unless: ['nappy rash|thrush|uti|infection|doctor said|gp said|period|periods|eczema|operation|op|surgery|puberty|rse lesson|lesson|biology|science|anatomy'],
    unlessWindow: 8
  },
  {
    // Not feeling safe, spelt as it sounds; a why that cannot be told: "i dont fele safe at my dads … i cant tel her wy".
    category: 'unsafe',
    patterns: [
      'not|dont|do not|never|nt ~1 feel|fele|feal|fel|feels|feeling ~1 safe|saf|safe at|safe with|safe around',
      'can not|cant|could not|couldnt|not allowed to ~1 tell|tel|say ~2 her|him|them|mum|dad|anyone|anybody|you ~1 why|wy|what happens|wot happens|what he does|what she does'
    ],
    unless: ['surprise|present|presents|birthday|party|spoiler|spoilers|secret santa|quiz|answer|answers|test|exam|password'],
    unlessWindow: 6
  },
  {
    // Looking forward to not existing, a funeral planned: "cant wait to not exist … already picked the song for my funeral".
    category: 'suicidal',
    patterns: [
      'wait|want|dream|hope|looking forward ~3 to ~1 not ~1 exist|existing|be here|be alive|wake up|being alive',
      'plan|plans|planned|planning|pick|picked|chose|chosen|choose|choosing|written|wrote|sorted ~4 song|songs|music|outfit|coffin|flowers|everything|it all ~3 for ~1 my ~1 funeral',
      'my ~1 funeral ~6 song|songs|playlist|planned|sorted|ready|picked|chosen'
    ],
    unless: ['viking|pharaoh|history|lesson|game|sims|story|character|film|book|when i am old|when im old|when i am 100|aged 100|in 80 years|dead hamster|hamster|goldfish|pet'],
    unlessWindow: 8
  },
  {
    // How many of a medicine it would take: "how many of my sertraline would it take?".
    category: 'suicidal',
    patterns: [
      'how many ~4 sertraline|fluoxetine|citalopram|escitalopram|mirtazapine|melatonin|insulin|codeine|cocodamol|ibuprofen|aspirin|antidepressants|painkillers|sleeping pills|tablets|pills|meds|medication|paracetamol|diazepam|tramadol|quetiapine|risperidone|ritalin|methylphenidate ~4 take|kill|die|overdose|would it take|does it take|enough|too many|to sleep forever'
    ],
    unless: ['prescribed|prescription says|doctor said|gp said|pharmacist|a day|per day|each day|every day|dose is|dosage|for my headache|for a headache|for period pain|for hay fever'],
    unlessWindow: 8
  },
  {
    // A list of places to be "sorted out": "we've got a list of which shops on the high street need 'sorting out'".
    category: 'radicalisation',
    patterns: [
      'list|lists|names|addresses ~8 shops|shop|houses|businesses|families|addresses|takeaways|takeaway|people|mosque|mosques|synagogue|church ~6 need|needs|needed|getting|going to get ~2 sorting|sorted|sorting out|dealing with|dealt with|burning|burnt|torching|smashing|taught a lesson|cleaning out|cleansing|done in|done over'
    ],
    unless: ['shopping list|to do list|todo list|litter|recycling|charity|council|volunteer|volunteering|repair|repairs|fix|fixing|christmas|decorations|lights|paint|painting|graffiti cleanup|tidy|tidying'],
    unlessWindow: 8
  },
  {
    // Food not bought for weeks; squalor; nobody at home getting up for a young child: "mum forgot to do a shop
    // for the 3rd week running"; "the toilet's been broken for weeks so we use a bucket"; "no one at home gets up … I'm in year 4".
    category: 'neglect',
    patterns: [
      '@family ~4 forgot|forgets|forgotten|didnt|did not|doesnt|does not|hasnt|has not|never|wont ~2 do|done|get|got|buy|bought ~2 a|the|any ~1 shop|shopping|food ~8 week|weeks|running|in a row|days|again',
      'shop|shopping|food ~6 2nd|3rd|4th|second|third|fourth|5th|fifth ~1 week|day|time ~1 running|in a row',
      'cockroaches|cockroach|roaches|roach|rats|rat|mice|maggots|bed bugs|bedbugs|fleas|mould|mold ~6 in|on|all over ~2 my|our|the ~1 cereal|food|bed|beds|room|kitchen|house|flat|walls|clothes|sofa|mattress',
      'toilet|toilets|loo|bathroom ~3 broken|blocked|not working|doesnt work|does not work ~6 weeks|months|ages ~8 bucket|garden|outside|neighbours',
      'use|using|go|wee|poo ~2 in ~1 a ~1 bucket',
      'nobody|no one|noone ~3 at ~1 home ~2 gets|get|got ~1 up|out of bed'
    ],
    unless: ['camping|festival|tent|dofe|school trip|field trip|science|experiment|pet rat|pet rats|pet mice|my rat|my rats|my mice|hamster|game|minecraft|sims|film|story|book|news|documentary|shop assistant|work experience|ran out of milk'],
    unlessWindow: 8
  },
  {
    // Passed around by a "boyfriend": "he lets his five mates have a go too".
    category: 'exploitation',
    patterns: [
      'let|lets|letting|made|makes|make|gets|got ~3 his|her|their ~2 mates|friends|boys|brothers|cousins|mate|friend|lads ~3 have ~1 a|their ~1 go|turn|turns',
      'have|had|having|take|took|taking ~1 a|their ~1 go|turn|turns ~2 on|with ~1 me|her'
    ],
    unless: ['xbox|playstation|ps5|ps4|switch|game|games|bike|controller|phone|car|scooter|fifa|ride|rides|trampoline|swing|go kart|karting|bowling|skateboard|pool table|darts|dice|board game|uno|cards|quiz|penalty|penalties'],
    unlessWindow: 8
  },
  // ---------- our own probes, sarcasm (5 Dec, evening) ----------
  {
    // Kinds the learnt net caught at one threshold and not at the next, written as rules so they never
    // depend on it: "YP absconded from respite"; "game over for me soon"; "my boyfriend is 24 and im 14".
    category: 'missing',
    patterns: ['abscond|absconds|absconded|absconding|absconder'],
    unless: ['film|story|book|character|game|prison drama|tv|on the news'],
    unlessWindow: 6
  },
  {
    category: 'suicidal',
    patterns: ['game over ~3 for ~1 me|myself ~3 soon|now|tonight|today|forever|for good|for real'],
    unless: ['fortnite|minecraft|roblox|mario|level|lives|boss|controller|console|xbox|playstation|switch|round|match|fifa|exam|test'],
    unlessWindow: 6
  },
  {
    category: 'sexual',
    patterns: [
      'boyfriend|girlfriend|bf|gf|partner|man|guy|fella|lover ~3 is|s|was|turned ~1 18|19|20|21|22|23|24|25|26|27|28|29|30|31|32|33|34|35|36|37|38|39|40|45|50 ~8 i|me ~1 am|is|was|turned ~1 10|11|12|13|14|15',
      'i|me ~1 am|was ~1 10|11|12|13|14|15 ~8 boyfriend|girlfriend|bf|gf|partner|man|guy|fella|lover ~3 is|s|was|turned ~1 18|19|20|21|22|23|24|25|26|27|28|29|30|31|32|33|34|35|36|37|38|39|40|45|50'
    ],
    unless: ['film|story|book|character|show|drama|soap|eastenders|hollyoaks|news'],
    unlessWindow: 8
  },
  {
    // Food from bins: "living the dream, dinner is whatever i can find in the bins".
    category: 'neglect',
    patterns: [
      'whatever|anything|food|what|stuff ~3 i|we ~1 can|could ~1 find ~2 in ~1 the|a|peoples ~1 bin|bins',
      'eat|eats|eating|ate|dinner|tea|lunch|breakfast ~3 out of|from ~2 the|a|other peoples|peoples ~1 bin|bins|skip|skips'
    ],
    unless: ['recycling|food waste|compost|threw|throw|thrown|chuck|chucked|binned|put ~1 in ~1 the ~1 bin|fox|foxes|seagull|seagulls|dog|cat|raccoon|rubbish collection|bin day|litter picking|litter pick'],
    unlessWindow: 6
  },
  {
    // Someone's punchbag: "love being the class punchbag, keeps me fit".
    category: 'child-on-child',
    patterns: [
      'class|school|their|the|everyones|everybodys|his|her|my|a ~1 punchbag|punch bag|punching bag|punchbags|punch bags|punching bags|human punchbag|human punching bag'
    ],
    unless: ['boxing|gym|christmas|present|bought|new|santa|garage|kick boxing|kickboxing|training|trainer|sparring|pads|gloves'],
    unlessWindow: 6
  },
  {
    // An exit planned, a farewell: "planning my exit, bye guys, it was fun while it lasted".
    category: 'suicidal',
    patterns: [
      'plan|plans|planning|planned ~2 my ~1 exit|way out|ending|final goodbye|last day',
      'bye|goodbye|farewell|see ya|cya ~6 fun while it lasted|nice knowing|been real|it was fun|thanks for everything'
    ],
    unless: ['escape room|game|level|job|work|college|school|club|group chat|team|band|uni|course|holiday|trip|leavers|leaving do|prom|year 11|year 13|summer|camp|residential|placement ending|moving house|moving away|new school'],
    unlessWindow: 8
  },
  // ---------- round 17 (studied 5 Dec, night) ----------
  {
    // Self-harm in a game's words: "taking self dmg irl", "doing damage to myself".
    category: 'self-harm',
    patterns: ['self ~1 dmg|damage|damaging|inflicted|inflict', 'dmg|damage ~2 to|on ~1 myself|meself|my body|my arms|my legs'],
    unless: ['property|car|phone|screen|reputation|credit'],
    unlessWindow: 4
  },
  {
    // Touched where underwear or a swimming costume covers: "he only tickles where my swimming costume goes".
    category: 'sexual',
    patterns: [
      'touch|touches|touched|touching|tickle|tickles|tickled|tickling|rub|rubs|rubbed|rubbing|stroke|strokes|stroked|grab|grabs|grabbed|feel|feels|felt|kiss|kisses|kissed|poke|pokes|pinch|pinches ~6 where|under|inside|in ~2 my|me ~1 swimming costume|swimsuit|swimming suit|cossie|costume|pants|underwear|undies|knickers|bikini|boxers|trunks|bra|nappy|pad'
    ],
    // A medical check is named as one; anyone else's touch there is for the lead to hear about.
    unless: ['nurse|doctor|gp|hospital|appointment|physio|consultant'],
    unlessWindow: 10
  },
  {
    // An ending fixed to a date: "my birthday... I've decided it's going to be my last one".
    category: 'suicidal',
    patterns: [
      'decided|decide|deciding ~6 going to be|gonna be|will be|is|be ~1 my|the ~1 last ~1 one|birthday|christmas|xmas|night',
      'birthday|christmas|xmas|new year|easter|eid|diwali|summer ~8 going to be|gonna be|will be|be|is ~1 my ~1 last ~1 one|ever|birthday|christmas'
    ],
    unless: ['teenager|teen|kid|child|single digits|in year|at school|at primary|at this school|at home|in this house|here|before i move|before we move|moving|leavers|last day|college|uni|of term|as a|in the|at the|with my|with the'],
    unlessWindow: 6
  },
  {
    // A parent hurt at home as a sport: "like WWE... always dad winning and mum ends up in A&E".
    category: 'domestic',
    patterns: [
      'mum|mom|mam|mummy|mother|nan|sister|auntie ~3 end|ends|ended|ending|endin ~1 up ~1 in|at ~1 a e|ae|hospital|casualty|emergency',
      'like ~1 wwe|wrestling|wrestlemania|a boxing match|boxing|a cage fight|ufc|mma|fight club|a war|a warzone|a war zone ~10 dad|stepdad|mum|mom|he|boyfriend|husband ~3 win|wins|winning|won|always wins'
    ],
    unless: ['on tv|watch|watching|telly|tickets|match on|ps5|xbox|game|plays|playing|play|covid|flu|asthma|baby|pregnant|giving birth|labour|labor|works|working|nurse|doctor|shift|broke her|broken|fell|fall|slipped|accident|operation|appendix'],
    unlessWindow: 10
  },
  {
    // Drowning out the violence at home: "headphones on really loud so I don't hear mum screaming when her boyfriend gets angry".
    category: 'domestic',
    patterns: [
      'so|to ~2 i|me ~1 dont|cant|do not|can not|cannot|wont|never|not ~2 hear ~6 scream|screams|screaming|shout|shouts|shouting|yell|yelling|fight|fights|fighting|argue|arguing|arguments|cry|crying|hit|hitting|bang|banging|smash|smashing|thump|thumping',
      'drown|drowns|drowning|block|blocks|blocking ~3 out ~6 scream|screaming|shout|shouting|yell|yelling|fight|fighting|argue|arguing|arguments|cry|crying|hitting|banging|smashing',
      'mum|mom|mam|mummy|mother|nan|sister ~2 scream|screams|screaming|crying|cries|crying out|begging ~6 when|cos|because ~4 boyfriend|dad|stepdad|he|husband|partner ~3 angry|drunk|mad|kicks off|kick off|loses it|lose it|in a mood|gets going'
    ],
    unless: ['baby|toddler|neighbours dog|dog|film|horror|concert|gig|roller coaster|rollercoaster|spider|mouse|wasp'],
    unlessWindow: 8
  },
  {
    // A game with an adult's rules of silence: "the 'grown-up game'... the first rule is you never talk about it".
    category: 'unsafe',
    patterns: [
      'grown up|grownup|grown ups|adult|adults|secret|secrets|special|private|naughty ~1 game|games',
      'first|1st|number one|only|main|golden ~1 rule ~4 is ~3 never|dont|do not|not|no ~3 tell|talk|talking|say|saying|speak|speaking'
    ],
    unless: ['roblox|minecraft|fortnite|xbox|playstation|ps5|switch|nintendo|app|level|download|steam|board game|card game|football|fight club|book club|film|quiz|surprise party|surprise|birthday|present|presents|gift|hide and seek|party|treasure hunt|scavenger hunt'],
    unlessWindow: 12
  },
  // Kinds the net caught before the round-17 retraining (its threshold moved 0.85 → 0.90) and not after,
  // written as rules so they never depend on it.
  {
    // "been sofa hopping for a month"; "staff report me missing"; "the train to london on my own and stay there".
    category: 'missing',
    patterns: [
      'sofa|couch|settee|floor ~1 hopping|hop|hopped|hops',
      'report|reports|reported|reporting ~2 me|us|him|her ~1 missing|as missing|absent',
      'train|trains|coach|bus|megabus ~8 on my own|on me own|alone|by myself ~4 stay|stays|stayed|staying|sleep|sleeps|sleeping|kip|crash|crashing ~2 there|over|out|the night|for days'
    ],
    unless: ['school trip|residential|with staff|with my class|my dad|my mum|my nan|my gran|grandparents|see my|to see|visit|visiting|travel training|independent travel|holiday'],
    unlessWindow: 10
  },
  {
    // A date chosen and kept back: "ive already decided when".
    category: 'suicidal',
    patterns: ['already|have|ve ~2 decided|picked|chosen|chose|set ~1 when|the date|the day|a date|the night'],
    unless: ['holiday|party|trip|wedding|moving|move|start|starting|college|school|uni|club|visit|birthday|christmas|go|going|leave|leaving|meet|meeting|film|cinema|dinner|tea|wear|outfit|haircut|present|buy|cake'],
    unlessWindow: 6
  },
  {
    // Eaten first by an adult, the children given what is left: "mums boyfriend eats all the food and we get the leftovers".
    category: 'neglect',
    patterns: [
      'eats|eat|ate|eating|takes|took|has|had|keeps|kept ~2 all|most ~1 the|our ~1 food|dinner|tea|shopping ~8 we|i|me|kids|us ~2 get|got|have|had|eat|ate ~2 leftovers|left overs|scraps|whats left|what is left|nothing|crumbs|the rest'
    ],
    unless: ['party|buffet|christmas|barbecue|bbq|takeaway night|pizza night|tomorrow|lunchbox|packed lunch'],
    unlessWindow: 8
  },
  // ---------- our own probes, symbols and short words (5 Dec, night) ----------
  // Forty probes in AAC and BSL gloss, worker notes and mixed language were all caught, but these kinds
  // were caught by the learnt net alone; written as rules so they never depend on it.
  {
    // A mobility or communication aid taken or locked away: "they lock my wheelchair in the garage when im naughty".
    category: 'emotional',
    patterns: [
      'take|takes|took|taken|taking|lock|locks|locked|locking|hide|hides|hid|hidden|hiding|keep|keeps|kept ~4 my ~1 wheelchair|chair|walker|walking frame|frame|crutches|hearing aid|hearing aids|talker|communication aid|communication book|aac|symbols|glasses|splints|cane ~8 when|if|cos|because|so i|so that|as a punishment|punishment|naughty|bad|answer back|dont|do not|away'
    ],
    unless: ['broken|repair|repaired|fixed|fixing|service|serviced|charging|charge|new one|measured|fitting|physio|school bus|on the bus|in the car|boot|lose|lost|safe|break|clean|cleaning'],
    unlessWindow: 8
  },
  {
    // Filmed where children undress, or filmed and shared: "boys in year 10 film me in the changing rooms and share it".
    category: 'child-on-child',
    patterns: [
      'film|films|filmed|filming|video|videos|videoed|record|records|recorded|recording|photo|photos|photograph|photographed|pic|pics|take pictures|took pictures ~3 me|us|her|him ~4 changing room|changing rooms|toilet|toilets|shower|showers|getting changed|undressed|in the loo',
      'film|films|filmed|filming|record|records|recorded|recording|videoed ~3 me|us ~6 share|shares|shared|sharing|send|sends|sent|post|posts|posted|put it on|round the school|group chat|everyone'
    ],
    unless: ['school play|show|concert|performance|dance|match|sports day|assembly|tiktok dance|for my mum|for my nan|birthday'],
    unlessWindow: 8
  },
  {
    // A height or a dose looked up: "i looked up how high the bridge is".
    category: 'suicidal',
    patterns: [
      'looked|look|looking|searched|search|searching|googled|google|googling|checked|check|checking|asked siri|asked alexa ~3 how ~1 high|tall|far|deep|far down|long to fall ~8 bridge|building|car park|multi storey|multistorey|cliff|cliffs|tower|block|flats|roof',
      'looked|look|searched|search|googled|google|googling ~2 up ~0 how many ~2 tablets|pills|paracetamol|painkillers ~4 kill|die|overdose|too many|fatal|lethal|enough'
    ],
    unless: ['homework|project|geography|science|history|maths|school|trip|visit|visited|holiday|tourist|famous|world record|eiffel|shard|tallest|for fun|quiz'],
    unlessWindow: 8
  },
  {
    // Gone for days, told by staff or the young person: "staff say i was gone 3 days".
    category: 'missing',
    patterns: [
      'i|me|he|she|they ~1 was|were|been|went ~1 gone|missing|away|awol ~1 for ~1 2|3|4|5|6|7|two|three|four|five|six|seven|a few|few|couple of ~1 days|nights',
      'i|me|he|she|they ~1 was|were|been|went ~1 gone|missing|away|awol ~1 2|3|4|5|6|7|two|three|four|five|six|seven|a few|few|couple of ~1 days|nights'
    ],
    unless: ['car|bike|phone|garage|shop|holiday|trip|camp|residential|nans|grans|dads|mums|respite|hospital|visiting|staying with|with school|with staff|with my family|ill|sick|poorly|covid|flu'],
    unlessWindow: 10
  },
  {
    // Phones and "jobs" from an older man: "i get a new phone every week from the man who gives me jobs".
    category: 'exploitation',
    patterns: [
      'new ~1 phone|phones|sim|sims|trainers|clothes|money ~6 from|off ~2 the|a|some|this|an older ~1 man|men|guy|guys|lad|lads|boys|older boys|bloke|uncle ~6 jobs|job|errands|favours|work|runs|drops|parcels|packages',
      'man|men|guy|guys|lad|lads|older boys|bloke|uncle ~4 gives|give|gave|giving ~2 me ~2 jobs|errands|runs|drops|parcels|packages|work'
    ],
    unless: ['paper round|paperround|car wash|shop|market|dad|mum|brother|sister|work experience|apprentice|apprenticeship|volunteer|charity|youth club|coach'],
    unlessWindow: 8
  },
  {
    // Symbol-board and gloss answers, word by word: "me. arm. scissors. blood"; "me. dad. hand. face. red";
    // "man next-door show me picture naked".
    category: 'self-harm',
    patterns: ['me|my|i ~2 arm|arms|leg|legs|wrist|wrists|skin|tummy|thigh|thighs ~2 scissors|blade|blades|razor|knife|glass|sharpener|lighter|pin|compass ~2 blood|bleed|bleeding|cut|cuts|burn|burns|hurt|pain'],
    unlessWindow: 0
  },
  {
    category: 'physical',
    patterns: [
      'dad|daddy|mum|mummy|mam|stepdad|stepmum|carer|nan|grandad|uncle|man|he|she ~2 hand|hands|fist|belt|shoe|slipper|stick ~2 me ~0 face|head|leg|legs|back|bum|arm ~3 red|ouch|hurt|hurts|sore|mark|marks|bruise|cry|crying',
      'dad|daddy|mum|mummy|mam|stepdad|stepmum|carer|nan|grandad|uncle|man ~2 hand|hands|fist|belt|shoe|slipper|stick ~2 face|head|leg|legs|back|bum|arm ~3 red|ouch|hurt|hurts|sore|mark|marks|bruise|cry|crying'
    ],
    unless: ['wave|waved|hold|holding|held hands|high five|clap|clapping|cream|suncream|wash|washing|painted|paint|face paint|mask|hat'],
    unlessWindow: 6
  },
  {
    category: 'sexual',
    patterns: [
      'show|shows|showed|shown|showing|send|sends|sent ~3 me|us ~3 picture|pictures|photo|photos|pic|pics|video|videos|film|films ~2 naked|nude|nudes|rude|private|privates|willy|willies|boobs|sex|sexy|of his|of him',
      'naked|nude|rude ~2 picture|pictures|photo|photos|pic|pics|video|videos ~4 say|said|says ~2 secret|dont tell|not tell|our secret'
    ],
    unless: ['art|gallery|museum|statue|statues|sex education|rse|pshe|lesson|biology|science|health class'],
    unlessWindow: 8
  },
  // ---------- our own probes: 16-25s, care, young carers, disability-specific harm (6 Dec) ----------
  // Forty probes on young adults in their own flats, internships and hostels, care-experienced young
  // people, young carers, restraint and sedation: four were missed and ten caught by the learnt net alone.
  {
    // A threat for complaining or telling, from anyone: "if i complain again she will make sure i lose my flat".
    category: 'emotional',
    patterns: [
      'if ~2 i|he|she|you|we ~2 complain|complains|complained|complaint|moan|report|reported|speak up|tell|told|say anything ~8 lose|losing|kick|kicked|move|moved|evict|evicted|make sure|take away|stop|stopped|never see|worse'
    ],
    unless: ['shop|refund|receipt|restaurant|waiter|customer service|wifi|broadband'],
    unlessWindow: 6
  },
  {
    // A voice switched off: "carers at respite turn my talker off because i use it too much".
    category: 'emotional',
    patterns: [
      'turn|turns|turned|turning|switch|switches|switched|switching|mute|mutes|muted|muting ~2 my|his|her ~1 talker|device|aac|communication aid|voice|hearing aid|hearing aids|ipad|eye gaze ~2 off ~6 because|cos|when|so|too much|annoying|noisy|punish|punishment|naughty|all day|again',
      'mute|mutes|muted|muting ~2 my|his|her ~1 talker|device|aac|communication aid|voice'
    ],
    unless: ['@repair', 'bedtime|bed time|asleep|sleep|cinema|film|assembly|swimming|pool|shower|bath|exam|exams|update', 'i ~1 turn|turned|switch|switched|mute|muted'],
    unlessWindow: 6
  },
  {
    // A child carrying an adult's load: "im 13 and i do all the cooking and mums injections and i fall asleep in class".
    category: 'neglect',
    patterns: [
      'fall|falls|fell|falling ~1 asleep ~3 class|lessons|lesson|school|college ~10 look after|looking after|care for|caring|carer|cooking|injections|meds|medicine|mum|dad|brother|sister|baby|night|nights',
      'look after|looking after|care for|caring for|do all|doing all ~6 cooking|cleaning|injections|meds|medicine|washing|mum|dad|brother|sister ~10 fall asleep|fell asleep|miss school|missed school|missing school|no time|not been to|not gone to|exhausted|tired all|late for'
    ],
    unless: ['love|enjoy|fun|chef|proud|lesson|skills|independence|sometimes|at the weekend|on sundays|pocket money'],
    unlessWindow: 6
  },
  {
    // Mate crime and cuckooing: "friends" on benefits day, "the lads use my flat for their business".
    category: 'exploitation',
    patterns: [
      'benefits day|benefit day|payday|pay day|pip day|giro|benefits|pip|wages ~10 cash machine|cashpoint|cash point|atm|bank ~6 they|them|friends|mates|together|with',
      'who ~1 say|says|said|call|calls|called ~2 they|he|she|themselves|himself|herself ~2 are|is|re|s ~1 my ~1 friend|friends|mate|mates',
      'they|he|she ~1 say|says|said ~1 they|he|she|we ~1 are|is|re|s ~1 my ~1 friend|friends|mate|mates|boyfriend|girlfriend ~8 money|card|pin|flat|owe|pay|benefits|payday',
      'so called|so-called ~1 friend|friends|mate|mates',
      'use|using|used|uses ~2 my|his|her|our|mums ~1 flat|house|place|home|room ~6 business|deal|dealing|sell|selling|bags|stash|drugs|dealers',
      'stay|stays|staying|stayed|live|living|moved ~2 at|in|into ~1 my|his|her ~1 flat|place ~10 bags|business|have to|not allowed|lock|cant go|can not go|my room|every night|wont leave',
      'have to|got to|made to|make me|makes me ~2 stay ~2 in ~1 my ~1 room ~8 they|them|lads|people|mates|friends|men|he'
    ],
    unless: ['fifa|pizza|film|movie|birthday|party i|sleepover|game night|uni friends|flatmate|flatmates|housemate|housemates|staff|support worker|carer|appointee'],
    unlessWindow: 6
  },
  {
    // Sedated: "mum gives me extra of my calming medicine so i sleep all afternoon when she has people round".
    category: 'neglect',
    patterns: [
      'extra|more|double|too much|loads ~3 my|his|her|of ~1 calming|sleep|sleeping|medicine|medication|meds|tablets|melatonin|liquid ~8 sleep|asleep|quiet|calm|out of the way|people round|visitors|goes out|go out|has friends|drinking|so she|so he|so they',
      'more than ~4 doctor|prescribed|label|it says|allowed ~4 medicine|medication|meds|tablets|melatonin'
    ],
    unless: ['doctor said|gp said|nurse said|prescribed|consultant|hospital said|new dose|dose went up|for my seizures|for seizures'],
    unlessWindow: 8
  },
  {
    // Kept by someone with power over a place, a job or a room: "says i have to be nice to him to keep my place".
    category: 'sexual',
    patterns: [
      'be ~1 nice|good|friendly|sweet ~2 to|with ~1 him|her|them ~6 keep|lose ~2 my|the|your ~1 place|job|flat|room|internship|placement|spot|course|bed',
      'room|flat|bedroom ~2 to ~2 pay ~2 him|her|them ~1 back',
      'go|come ~2 to ~1 his|their ~1 room|flat|place ~4 pay ~2 him|them ~1 back'
    ],
    unlessWindow: 0
  },
  {
    // Sextortion, the trade and the threat: "he sent a pic of himself and wants one back or he will tell my carers".
    category: 'online',
    patterns: [
      'sent|send|sends ~3 pic|pics|photo|photos|picture|pictures|selfie|video ~2 of ~1 himself|herself|his|him|her ~10 one ~1 back|same|mine|me one|one of me|of me',
      'want|wants|wanted ~1 one ~1 back ~6 or|tell|show|post|send',
      'or ~2 he|she|they ~1 will|ll|would|is going to|gonna ~1 tell|show|send|post ~3 my|everyone|carers|parents|mum|dad|college|school|friends ~6 pic|pics|photo|photos|picture|pictures|started|sent|chat|messages'
    ],
    unlessWindow: 0
  },
  {
    // A town "taken over", a fight "back", a name remembered like the men in the videos.
    category: 'radicalisation',
    patterns: [
      'fight|fighting|strike|hit ~1 back ~8 take over|taking over|took over|invade|invading|invasion|replace|replacing|before they',
      'take|taking|took ~1 over ~2 our|this ~1 town|country|area|city|streets|land|estate',
      'something ~1 big|huge|massive ~8 remember|famous|history|name|news ~8 like ~3 guys|men|ones|shooter|shooters|attacker|attackers|bomber|bombers|him|them|videos|video'
    ],
    unless: ['football|team|league|match|game|fortnite|minecraft|civilization|risk|board game|cuts|council|campaign|petition|charity|rights|christmas|market|festival|fair|carnival'],
    unlessWindow: 8
  },
  {
    // "Make me a proper girl"; "found someone for me in bangladesh and i am 16".
    category: 'fgm-forced-marriage',
    patterns: [
      'make|makes|made|making ~2 me|her|you|us ~1 a ~1 proper|real|clean|good|pure ~1 girl|woman|lady|wife',
      'found|find|finding|chosen|picked|arranged ~2 someone|somebody|a boy|a girl|a man|a woman|a husband|a wife ~2 for ~1 me|her|him ~10 @abroad|marry|married|wedding|16|15|14|17|13|not want|dont want|do not want|scared'
    ],
    unless: ['prom|prom date|dance partner|pen pal|penpal|work experience|tutor'],
    unlessWindow: 8
  },
  {
    // A parcel taken to the post office is an errand; the county-lines rule stays for everything else.
    category: 'exploitation',
    patterns: ['drop|deliver|take|took|taking|taken ~2 parcels|parcel|packages|package|bags|stuff ~3 round|to|for'],
    unless: ['post office|royal mail|postbox|post box|parcelforce|postie|amazon|returns|collection point|locker|food bank|foodbank|charity shop|neighbour|neighbours|next door|for my nan|for my gran|for my grandma|for my grandad'],
    unlessWindow: 6
  },
  // ---------- our own probes: young children and staff notes (6 Dec, later) ----------
  // Forty probes in the words of children of 8-11 (play, dolls, drawings, body feelings) and in clipped
  // staff notes: two missed and sixteen caught by the learnt net alone. Each kind is a rule.
  {
    category: 'physical',
    patterns: [
      // A child's word for a bruise and an adult's temper: "a big purple on my back from when daddy was cross".
      'hurt|hurts|mark|marks|purple|blue|bruise|sore|owie|ouchie|ouch|lump|bump ~8 from|after|since|because ~2 when ~2 @harmer ~2 was|got|gets|is|went ~1 cross|angry|mad|grumpy|in a mood|shouty|drunk',
      // A burning or choking punishment in the mouth: "hot sauce in my mouth when i say bad words".
      'hot sauce|chilli|chili|soap|mustard|pepper|vinegar|salt|washing up liquid ~4 in ~1 my|his|her ~1 mouth ~10 swear|swearing|swore|bad words|naughty|rude|punish|punishment|lie|lying|lied|burns|burn|burned|burnt|cry',
      // Marks kept where they do not show: "mummy pinches me where it doesnt show".
      'pinch|pinches|pinched|hit|hits|smack|smacks|kick|kicks|squeeze|squeezes|hurt|hurts ~3 me|him|her ~3 where ~2 it|they|nobody|no one ~2 not|cant|can not|doesnt|does not|wont ~1 show|see'
    ],
    unless: ['food|dinner|curry|tacos|too spicy|spicy|cooking|recipe|challenge'],
    unlessWindow: 6
  },
  {
    category: 'emotional',
    patterns: [
      // A frightening "what happens if you tell": "the monsters will come and get me if i tell about the weekend".
      '@harmer|monster|monsters|police|bogeyman|witch|devil|ghost|ghosts|social workers ~6 come|get|take|eat|hurt|find ~8 if ~2 i|you|we ~1 tell|say|told|talk',
      // Made to sleep like an animal: "i have to sleep in the dog bed when i am naughty".
      'sleep|sleeps|slept|sleeping|put|puts|stay|stays|locked ~3 in|on ~2 the ~1 dog bed|dogs bed|dog cage|cage|crate|kennel|shed|garage ~8 when|if|because|cos|naughty|bad|punishment|wet|wee|have to|made',
      // Wished away for another child: "mum says she wishes she had the other baby instead of me".
      'wish|wishes|wished ~8 had|have|kept|got ~4 instead ~1 of ~1 me|him|her',
      // A way of speaking forbidden: "i am not allowed my symbols book at home because mum says i should talk properly".
      'not ~1 allowed|let ~3 my|his|her|to use|use ~1 symbols|symbol book|communication book|talker|aac|signing|makaton|sign|bsl|ipad|device ~10 talk properly|speak properly|be normal|at home|because|cos|punish|naughty'
    ],
    unless: ['camping|tent|den|sleepover|fun|cuddle|with the dog|with my dog|puppy|film|story book|storybook|bedtime story|game|exam|exams|test|assessment|swimming|pool|bath|shower|rain|beach|lesson|phonics|speech therapy|speech therapist|salt'],
    unlessWindow: 6
  },
  {
    category: 'sexual',
    patterns: [
      // Done to a doll, then to the child: "uncle mo does rude things to my dolly and then he does them to me".
      'does|did|do|doing ~4 to ~2 my|his|her|the ~1 dolly|doll|dolls|teddy|toy|toys ~8 then|after|and ~3 does|did|do ~2 them|it|that|same|those ~2 to ~1 me|him|her',
      '@harmer|he|she ~2 does|did|do|makes me do|made me do|make me do ~2 rude|naughty|dirty|secret ~1 things|stuff|games',
      // A worker's note of a drawing: "drawing today: two stick figures in bed, labelled me and Gary".
      'drawing|drew|drawn|picture|pictures|painting ~12 in ~1 bed|the bath|the shower|naked|no clothes ~10 me|labelled|with|man|uncle|dad|friend|mums|boyfriend',
      // A look in the shower dressed as a check: "is it normal if my step dad checks me in the shower every night".
      'check|checks|checked|checking|watch|watches|watching|look at|looks at|stare at|stares at|comes in ~2 me|on me ~3 in ~1 the ~1 shower|bath|bathroom|toilet'
    ],
    unless: ['seizure|seizures|epilepsy|fits|nurse|hoist|personal care|family|teddy|dog|cat|asleep|sleeping|poorly|ill|hospital|chickenpox|spots|drowning|slip|slipping|fall|falling|hair washed|wash my hair'],
    unlessWindow: 8
  },
  {
    category: 'online',
    // "Says hes 10 like me but he sounds like a man on the headset".
    patterns: ['says|said|claims|claimed ~4 10|11|12|13|14|15|my age|same age|a kid|a child ~8 but ~4 sounds|sound|sounded|looks|voice|man|grown|adult|older|beard'],
    unless: ['brother|sister|cousin|teacher|actor|film|character|show|tall|height|make up|makeup'],
    unlessWindow: 6
  },
  {
    category: 'child-on-child',
    // Made to lick or eat what is dirty: "they made me lick the floor in the playground".
    patterns: ['made|make|makes|making|forced|forces ~2 me|him|her|us ~1 lick|eat|drink|kiss ~3 floor|ground|toilet|shoe|shoes|dirt|mud|bin|feet|grass|worms|spit'],
    unless: ['bushtucker|i am a celebrity|im a celebrity|challenge|game|cake|sweets|forest school|mud kitchen'],
    unlessWindow: 6
  },
  {
    category: 'self-harm',
    // Pulled out: "i pull out my eyelashes and eyebrows when i am worried".
    patterns: [
      'pull|pulling|pulls|pulled|pick|picking|picks|picked ~2 out ~1 my|his|her ~1 hair|eyelashes|eyebrows|lashes|brows|skin|nails',
      'pull|pulling|pulls|pulled ~2 my|his|her ~1 eyelashes|eyebrows|lashes|brows ~1 out'
    ],
    unless: ['splinter|splinters|grey hair|grey hairs|tweezers|eyebrow shape|plucking|pluck|threading|salon|false lashes|extensions'],
    unlessWindow: 6
  },
  {
    category: 'fgm-forced-marriage',
    // "The special cut that all the good girls have".
    patterns: ['special|secret|good girl|good girls|big girl|big girls|clean ~4 cut|cutting|snip|procedure|operation'],
    unless: ['hair|haircut|fringe|barber|barbers|hairdresser|cake|paper|ribbon|diamond|meat|butcher|film|director|edit|birthday'],
    unlessWindow: 6
  },
  {
    category: 'slavery-trafficking',
    // Made to call a stranger family: "I came with a man who is not my uncle but I have to say he is".
    patterns: [
      'not ~1 my|our|her|his|really ~1 uncle|dad|father|mum|mother|brother|aunt|auntie|family|real uncle|real dad|real mum ~8 have to|must|told to|made to|told me to ~1 say|call|pretend',
      'have to|must|told to|made to|told me to ~1 say|call|pretend ~4 he is|she is|hes|shes|they are|he|she ~2 my ~1 uncle|dad|mum|brother|sister|family|auntie|aunt'
    ],
    unless: ['step dad|stepdad|step mum|stepmum|foster|adopted|adoption|godfather|godmother|family friend|play|drama|game'],
    unlessWindow: 6
  },
  {
    category: 'unsafe',
    patterns: [
      // A parent who says they cannot keep the child safe.
      'cannot|can not|cant|unable to|not able to ~1 keep ~1 him|her|them|my son|my daughter|my child|the children|the kids|my kids ~1 safe',
      // Forgotten, waiting in the dark: "my mummy forgets me at school and i wait in the dark".
      'forgets|forgot|forgotten|forget ~1 me|him|her|us|to pick ~8 school|dark|wait|waiting|night|alone|hours',
      'wait|waited|waiting ~4 in ~1 the ~1 dark',
      // A court order broken: "birth dad turned up at school gates today despite no contact order".
      'despite|against|breaking|broke|breach|breached|ignoring|ignored ~2 no contact|non molestation|court order|restraining order|injunction|contact order|the order',
      'no contact|non molestation|restraining order|injunction ~8 turned up|came|shouting|outside|gates|seen|followed|messaged'
    ],
    unless: ['cinema|film|power cut|planetarium|camping|stars|fireworks|torch|hide and seek|once|office rang|rang her|rang him|phoned|traffic|sorry'],
    unlessWindow: 6
  },
  {
    category: 'neglect',
    // Equipment outgrown and hurting, nobody reviewing it: "my wheelchair is too small and hurts my hips but nobody has measured me for 2 years".
    patterns: [
      'wheelchair|chair|splints|standing frame|walker|shoes|boots|afos|glasses|hearing aids|seat ~4 too ~1 small|tight|short ~10 hurt|hurts|hurting|sore|pain|blisters|nobody|no one|years|months',
      'nobody|noone|no one|not ~4 measured|checked|reviewed|assessed|seen ~2 me|him|her|it ~2 for ~1 2|3|4|two|three|four|years|ages|months'
    ],
    unless: ['new one|new ones|new chair|buying|bought|getting new|growing|grew|growth spurt|waiting list|ordered|appointment on|appointment next|being made|getting measured|fitting'],
    unlessWindow: 8
  },
  // ---------- round 19 (studied 6 Dec) ----------
  // `round19-set` missed five (98.7%; one was mended by round 18's rules before it was studied); the four
  // kinds left, each in fresh wording with a harmless neighbour in the tests.
  {
    // Out late for someone, paid in cash and food: "now I'm out delivering for Jay… £20 and some food… home at 2am. I'm 14".
    category: 'exploitation',
    patterns: [
      'delivering|dropping|running|doing drops|doing runs|doing jobs|working ~2 for ~1 him|them|someone|a man|a guy|older|this ~8 give|gives|gave|pay|pays|paid|money|cash|food|late|night|nights|am',
      'home|back|in ~1 at|by|after ~1 1am|2am|3am|4am|5am|midnight|1|2|3|4 ~10 i am|im|age|aged|only ~1 11|12|13|14|15',
      'i am|im|age|aged|only ~1 11|12|13|14|15 ~10 home|back|in ~1 at|by|after ~1 1am|2am|3am|4am|5am|midnight'
    ],
    unless: ['paper round|paperround|papers|avon|catalogues|catalogue|leaflets|newspapers|leaflet|christmas cards|for my mum|for my dad|for my nan|festival|new year|new years|concert|wedding|flight|airport|holiday|party with'],
    unlessWindow: 10
  },
  {
    // A child to be married, told by someone else: "my daughter's best friend (13) … getting married abroad … has to stop school".
    category: 'fgm-forced-marriage',
    patterns: [
      '11|12|13|14|15|16|year 7|year 8|year 9|year 10|year 11 ~10 getting|get|being|be|got ~1 married|engaged',
      'getting|get|being|be|got ~1 married|engaged ~10 stop|leave|leaving|quit|miss|drop out|dropping out|not coming back ~2 school|of school|to school|college'
    ],
    unless: ['years ago|anniversary|years married|when i am older|when im older|one day|someday|when i grow up|grown up|in the future'],
    unlessWindow: 8
  },
  {
    // The injuries owned in passing: "so many plasters now lol. its me doing it".
    category: 'self-harm',
    patterns: [
      'plaster|plasters|marks|cuts|scratches|burns|bruises|scars|bandages|bandage ~8 me ~1 doing|did|does ~1 it|them|this|that',
      'its|it is|it was|they are|theyre ~1 me ~1 doing|that does|who does|who did ~1 it|them|this|that'
    ],
    unless: ['cat|kitten|dog|puppy|brambles|football|rugby|bike|skateboard|garden|gardening|woodwork|cooking|art|painting|homework|drawing|lego|cake|baking|model|make up|makeup|henna|nails'],
    unlessWindow: 10
  },
  {
    // The way home changed to avoid people waiting: "the long way now… because the lads … wait at the shortcut with sticks".
    category: 'child-on-child',
    patterns: [
      'long way|longer way|other way|different way|back way|long route|different route ~3 home|now|round|to school|from school ~10 because|cos|so|since ~8 wait|waiting|waits|lads|boys|girls|gang|them|they|sticks|knives|jump|get me|year',
      'wait|waiting|waits|hang about|hang around ~6 with ~1 sticks|stick|knives|knife|bats|bat|weapons|bricks|stones|dogs',
      'avoid|avoiding|scared to go|cant go|can not go ~4 shortcut|park|alley|alleyway|path|bridge|underpass|bus stop ~10 wait|waiting|waits|lads|boys|girls|gang|older|year 9s|year 10s|year 11s'
    ],
    unless: ['roadworks|road works|closed|diversion|views|view|exercise|steps|fitbit|walk the dog|scenic|friend lives|friends house|shop|mud|muddy|flooded|puddles|cows|geese|swans|bees|wasps'],
    unlessWindow: 10
  },
  // ---------- round 18 (studied 6 Dec) ----------
  {
    // Someone who "will kill me" (moved from the unsafe block to take its own excuse): "killing me with his jokes" is not a threat.
    category: 'unsafe',
    patterns: ['@harmer ~4 kill ~2 me|us'],
    // The unsafe block's own excuses (window 12), and the jokes.
    unless: ['kill|killing|kills ~2 me|us ~1 with ~2 his|her|their|the|those|these ~1 jokes|joke|puns|dad jokes|singing|dancing|humour|stories|dance moves', ...UNSAFE_EXCUSES],
    unlessWindow: 12
  },
  {
    // "Can't go on" (moved here from the suicidal block to take its own excuse): a ride, a trip or a bus one
    // cannot go on is not the end ("my sister can't go on anything at the park").
    category: 'suicidal',
    patterns: ['cant|can not ~2 do|take|cope|go|carry ~2 this|it|anymore|on|any longer'],
    unless: ['go ~1 on ~1 the|a|an|any|anything|rides|ride|swings|swing|slide|slides|trampoline|trampolines|trips|trip|holiday|holidays|bus|buses|train|trains|residential|computer|xbox|ipad|tablet|phone|internet|youtube|roblox|fortnite|teams|zoom|apps|app|website|my own'],
    unlessWindow: 3
  },
  {
    // Bringing a knife to school to threaten is in the radicalisation block; a knife and fork from home is not.
    category: 'radicalisation',
    patterns: ['bring ~2 weapon|weapons|knife|knives|gun'],
    unless: ['fork|forks|spoon|cutlery|butter|lunch|lunchbox|packed lunch|cooking|food tech|food technology|chef|picnic|@lesson', 'learn|learnt|learned|learning ~3 about', 'cadets|british army|raf|navy|marines'],
    unlessWindow: 6
  },
  // `round18-set` missed eight (97.9%); by kind, each in fresh wording with a harmless neighbour in the tests.
  {
    // Underwear asked about, and an adult passing as a teenager: "a 'teenager' with a beard… asks what colour my underwear is".
    category: 'online',
    patterns: [
      'ask|asks|asked|asking|wants to know|want to know|wanted to know ~4 what ~1 colour|color|kind|type ~2 my|your ~1 underwear|pants|knickers|bra|bras|boxers|thong',
      'beard|bald|grey|wrinkles|deep voice|old ~8 teenager|teen|my age|same age|year 9|year 10|year 8|15|14|13|12 ~8 selfie|profile|pic|photo|says|claims|pretends|pretending',
      'pretend|pretends|pretending|pretended|claims|claiming|says|said ~4 he|she|they ~2 is|was|s|are ~2 a ~1 teenager|teen|kid|girl|boy ~6 but|beard|older|adult|man|voice|really'
    ],
    unless: ['shop|shopping|pe kit|laundry|washing|wash|school uniform|mum asked|nurse|doctor'],
    unlessWindow: 6
  },
  {
    // An own grave or funeral drawn or imagined, the family happier without: "a grave with my name on it… smiling because I'm not there".
    category: 'suicidal',
    patterns: [
      'grave|graves|coffin|funeral|headstone|tombstone|gravestone ~4 my ~1 name|own|body',
      'my ~1 own ~1 grave|funeral|coffin|headstone',
      'happy|happier|smiling|smile|better|easier|fine|relieved|calm ~8 because|cos|now|when|since|that ~3 i am|im|i was|i m|i ~1 not ~2 there|here|around|alive|anymore|in the way|to ruin',
      'not ~1 there|here|around ~2 to ~1 ruin|spoil|wreck|mess up'
    ],
    unless: ['halloween|fancy dress|costume|pet|hamster|fish|goldfish|guinea pig|dog|cat|grandad|grandma|nan|nana|granny|history|museum|pharaoh|egypt|egyptians|game|minecraft'],
    unlessWindow: 8
  },
  {
    // Things given away, accounts deleted, a sudden calm: "gave my gaming pc to my cousin. deleted all my accounts. feel calm".
    category: 'suicidal',
    patterns: [
      'gave|give|given|giving ~2 away|my ~4 pc|xbox|playstation|ps5|switch|console|things|stuff|games|phone|dog|cat|pets|favourite|collection|clothes|everything ~14 delete|deleted|deleting|goodbye|bye|calm|peace|peaceful|sorted|ready|done|wont need|will not need|not need|dont need|anymore',
      'deleted|delete|deleting|wiped|wipe ~2 all ~1 my|of my ~1 accounts|account|socials|social media|messages|photos|snap|insta|tiktok|profiles ~12 gave|give|calm|peace|peaceful|sorted|ready|done|goodbye|bye|anymore|need',
      'feel|feeling|felt ~1 calm|peaceful|at peace|settled|light ~4 first time|finally|since i decided|decided|now it is sorted|now its sorted|sorted'
    ],
    unless: ['new phone|new pc|new console|upgrade|upgraded|selling|sold|ebay|vinted|charity shop|yoga|meditation|mindfulness|breathing|holiday|exams finished|exams are over|detox|screen time|digital detox|new account'],
    unlessWindow: 8
  },
  {
    // Coffin and goodbye in emoji: "done ⚰️👋" (👋 reads "slap", ⚰️ "coffin").
    category: 'suicidal',
    patterns: [
      'done|over|finished|out|bye|goodbye|leaving|gone|tired|night ~2 coffin|grave',
      'coffin|grave ~2 bye|goodbye|slap|done|me|soon|tonight'
    ],
    unless: ['homework|exam|exams|test|lesson|maths|game|level|boss|halloween|laughing|joke|lol|lmao'],
    unlessWindow: 6
  },
  {
    // An attack on a place planned and foretold: "the asylum hotel on saturday with petrol, you'll see it on the news".
    category: 'radicalisation',
    patterns: [
      'asylum|migrant|migrants|refugee|refugees|mosque|synagogue|temple|gurdwara|church|immigrants|foreigners ~4 hotel|hotels|centre|center|seekers|camp|shop|shops ~8 petrol|fire|burn|torch|bricks|brick|smash|attack|news|saturday|tonight|weekend|lads|sort',
      'petrol|lighter fluid|fireworks|bricks|molotov|flare|flares ~8 hotel|mosque|synagogue|temple|church|asylum|migrants|refugees|immigrants',
      'mosque|synagogue|temple|gurdwara|asylum|migrants|refugees|immigrants ~8 petrol|lighter fluid|bricks|brick|molotov|flares',
      // "You" is read as the writer ("me") by text.ts.
      'you|me|everyone|everybody|people ~1 will|ll|gonna|going to|shall ~1 see|hear|read ~3 on ~1 the ~1 news',
      'youll|you will ~1 see|hear|read ~3 on ~1 the ~1 news'
    ],
    unless: ['lesson|history|documentary|re lesson|citizenship|bonfire night|bonfire|guy fawkes|firework display|charity|volunteer|volunteering|donate|donated|collection|food bank|match|football|marathon|bake sale|talent show|choir'],
    unlessWindow: 8
  },
  {
    // A worker's note of repeated injuries with explanations that do not fit: "bruising to the cheek on three occasions. Explanations are inconsistent".
    category: 'physical',
    patterns: [
      'bruise|bruises|bruising|bruised|marks|mark|injury|injuries|burn|burns|swelling|black eye ~8 occasions|occasion|inconsistent|unexplained|no explanation|explanations|repeated|times this|again this|pattern',
      'explanation|explanations|account|accounts|story ~2 inconsistent|changed|changes|changing|doesnt match|does not match|do not match|vague|unclear|implausible',
      'distressed|upset|frightened|scared|withdrawn|flinched|flinches|froze|freezes|cried ~6 when ~2 asked|asking|mentioned|talking|talked|name ~4 about|home|nana|nan|dad|mum|stepdad|uncle|him|her'
    ],
    unless: ['pe|football|rugby|fell off|trampoline|playground accident|accident book|bike|scooter|seizure|seizures|eczema|birthmark|mongolian|nosebleed|dentist|vaccination|injection|injections|blood test'],
    unlessWindow: 10
  },
  {
    // Flushed, and the lifesaving thing thrown away: "got my head flushed again and my epipen chucked on the roof".
    category: 'child-on-child',
    patterns: [
      'head|heads ~2 flushed|flush|flushing|down the toilet|down the loo|in the toilet|in the loo',
      'epipen|epi pen|inhaler|insulin|pump|meds|medicine|tablets|hearing aid|hearing aids|glasses|talker|walker|crutches ~4 chucked|chuck|thrown|threw|throw|hid|hidden|hide|stamped|snapped|broke|broken|nicked|binned ~4 roof|bin|toilet|field|away|on purpose|again|over|they|them|he|she|boys|girls|lads|kids',
      'chucked|chuck|threw|thrown|throw|hid|hide|hidden|stamped on|snapped|broke|nicked|binned ~2 my|his|her ~1 epipen|epi pen|inhaler|insulin|pump|meds|medicine|hearing aid|hearing aids|glasses|talker|walker|crutches ~4 roof|bin|toilet|field|over|again|on purpose|away'
    ],
    unless: ['expired|out of date|disposal|sharps|pharmacy|chemist|nurse|trainer pen|practice pen|replaced|@repair'],
    unlessWindow: 6
  },
];

/**
 * Whole answers that are, on their own, a concern — as a young person pressed for words or using a
 * symbol board might write them: a call for help ("help", "sos", "save me": `unsafe`) or an ending ("i
 * have a plan", "goodbye everyone": `suicidal`). Only the whole answer counts: "my carer helps me" is
 * not a call for help, "I have a plan for college" not an ending.
 */
const CALLS_FOR_HELP = ['help', 'help me', 'help me please', 'please help', 'please help me', 'help help', 'sos', 'save me', 'get me out', 'get me out of here', 'i need help', 'need help', 'someone help', 'somebody help', 'help us', 'help please ring me', 'help please call me', 'help ring me', 'help call me', 'please ring me', 'please call me', 'someone ring me', 'someone call me', 'ring me please', 'call me please'];
const ENDINGS = ['i have a plan', 'i have got a plan', 'i got a plan', 'i have made a plan', 'i made a plan', 'i have a plan now', 'goodbye everyone', 'goodbye all', 'bye everyone forever', 'bye forever', 'goodbye forever', 'it will be over soon', 'it will all be over soon', 'not for much longer', 'i will not be here tomorrow', 'this is goodbye', 'i am done with life', 'done with life'];
/**
 * A harm named in a word or two and nothing else, the whole answer ("beatings", "cutting", "jumped",
 * "sofasurfing", "goodbye"): a young person short of words, or a symbol board, answering "what is hard
 * for you?". Inside a sentence these words need their context (a haircut, a jump, a goodbye at the end of
 * a session); alone, the answer is the disclosure. Left out: words given alone for other reasons in a
 * council survey ("done" when finished, "pointless" or "no point" about a service, "cuts" to a budget,
 * "debt", "ignored" by services, "streets", "missing" from a youth club).
 */
const NAMED_ALONE: Readonly<Record<HarmCategory, readonly string[]>> = {
  physical: ['beatings', 'beating', 'beaten', 'beat', 'beats', 'getting beaten', 'being beaten', 'getting beat', 'hitting', 'hit', 'hits', 'hit me', 'hits me', 'being hit', 'getting hit', 'kicking', 'kicked', 'punching', 'punched', 'slapping', 'slapped', 'slaps', 'smacking', 'smacked', 'smacks', 'belted', 'the belt', 'belt', 'bruises', 'bruise', 'bruised', 'violence', 'violent', 'hurting me', 'he hurts me', 'she hurts me', 'they hurt me', 'strangled', 'choked', 'thrown', 'burnt', 'burned'],
  emotional: ['shouting', 'screaming', 'shouted at', 'screamed at', 'called names', 'always shouting', 'they hate me', 'mum hates me', 'dad hates me', 'locked in', 'locked in my room'],
  sexual: ['touched', 'touching', 'touched me', 'touches me', 'groped', 'molested', 'fiddled with', 'bad touch', 'bad touching', 'private parts', 'privates'],
  neglect: ['starving', 'always hungry', 'no dinner', 'no tea', 'no heating', 'cold house', 'dirty clothes', 'no clean clothes', 'nobody feeds me', 'left alone', 'home alone', 'no one looks after me', 'nobody looks after me'],
  domestic: ['fighting at home', 'shouting at home', 'dad hits mum', 'mum gets hit', 'police at home', 'domestic'],
  online: ['sextortion', 'sending pics', 'sending pictures', 'sent pics', 'webcam', 'nude pics', 'dick pics'],
  exploitation: ['county lines', 'running lines', 'on a line', 'trapping', 'shotting', 'cuckooing', 'plugging', 'running drugs', 'selling drugs', 'drug runs', 'grooming', 'groomed'],
  'child-on-child': ['jumped', 'getting jumped', 'picked on', 'bullies', 'bullying', 'bullied', 'ganged up on', 'happy slapped', 'happy slapping'],
  'self-harm': ['cutting', 'cutting myself', 'cut myself', 'burning', 'burning myself', 'burned myself', 'scratching', 'scratching myself', 'blades', 'blade', 'razor', 'razors', 'head banging', 'headbanging', 'hurting myself', 'hurt myself', 'hitting myself', 'marks on my arms'],
  suicidal: ['goodbye', 'good bye', 'goodbye world', 'goodbye cruel world', 'farewell', 'bye world', 'bye bye world', 'ending it', 'end it', 'the end for me', 'want to be dead', 'better off dead', 'no point living', 'tired of living'],
  radicalisation: ['jihad', 'race war', 'white power', 'kill them all', 'death to them'],
  'fgm-forced-marriage': ['cutting ceremony', 'being cut', 'forced marriage', 'married off', 'marrying my cousin', 'honour'],
  'slavery-trafficking': ['trafficked', 'trafficking', 'slave', 'slavery', 'working for no money', 'no wages', 'they have my passport', 'passport taken', 'owe them'],
  missing: ['sofasurfing', 'sofa surfing', 'couch surfing', 'couchsurfing', 'kicked out', 'got kicked out', 'thrown out', 'running away', 'run away', 'runaway', 'sleeping rough', 'on the streets', 'nowhere to live', 'nowhere to sleep'],
  unsafe: ['scared', 'so scared', 'afraid', 'frightened', 'terrified', 'petrified', 'unsafe', 'secret', 'secrets', 'cant tell', 'can not tell', 'not allowed to tell', 'no one believes me', 'nobody believes me', 'scared of him', 'scared of her', 'scared to go home', 'not safe at home']
};
export const WHOLE_ANSWERS: ReadonlyMap<string, HarmCategory> = new Map<string, HarmCategory>([
  ...(Object.entries(NAMED_ALONE) as [HarmCategory, readonly string[]][]).flatMap(([category, answers]) => answers.map((answer): [string, HarmCategory] => [answer, category])),
  ...CALLS_FOR_HELP.map((answer): [string, HarmCategory] => [answer, 'unsafe']),
  ...ENDINGS.map((answer): [string, HarmCategory] => [answer, 'suicidal'])
]);

/**
 * The broad net, after the category rules: a harm word with a person, the writer or a frequency within
 * a few words, unless a game, sport, lesson, story or good news stands right beside it. It names no
 * category ("possible harm: please read"), and it is what catches the ways of writing no rule foresaw.
 * Measured on its own in `npm run safeguarding:eval` (docs/safeguarding.md).
 */
export const BROAD_RULES: readonly Rule<'possible-harm'>[] = [
  {
    category: 'possible-harm',
    patterns: ['@harmAct ~4 @near', '@near ~4 @harmAct'],
    negatable: true,
    unless: ['@harmless']
  }
];
