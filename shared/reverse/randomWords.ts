/**
 * Plain, neutral words for the random-words reverse prompt (the paper's weakest variant, a control).
 * Deliberately without any words about safety or behaviour.
 */
// biome-ignore format: a word list reads better packed
export const neutralWords: readonly string[] = [
  'apple', 'river', 'window', 'pencil', 'garden', 'cloud', 'ladder', 'button', 'candle', 'forest',
  'teacup', 'violin', 'marble', 'harbor', 'blanket', 'lantern', 'pebble', 'meadow', 'compass', 'ribbon',
  'basket', 'orchard', 'kettle', 'feather', 'island', 'mirror', 'saddle', 'tunnel', 'walnut', 'zipper',
  'anchor', 'bicycle', 'chimney', 'dolphin', 'engine', 'fountain', 'glacier', 'hammock', 'igloo', 'jacket',
  'kitten', 'lemon', 'magnet', 'napkin', 'oyster', 'parrot', 'quilt', 'rocket', 'spoon', 'tractor',
  'umbrella', 'valley', 'wagon', 'yogurt', 'zebra', 'acorn', 'bridge', 'carpet', 'desert', 'envelope',
  'fabric', 'guitar', 'helmet', 'insect', 'jigsaw', 'keyboard', 'library', 'mountain', 'notebook', 'ocean',
  'pillow', 'quartz', 'radio', 'sandal', 'tomato', 'uniform', 'village', 'whistle', 'yarn', 'almond',
  'balloon', 'cabbage', 'dragonfly', 'eraser', 'ferry', 'gravel', 'hedge', 'ivory', 'jungle', 'kite',
  'lighthouse', 'mitten', 'noodle', 'onion', 'puzzle', 'raincoat', 'seashell', 'thimble', 'volcano', 'waffle',
  'copper', 'granite', 'velvet', 'cotton', 'bamboo', 'cedar', 'maple', 'pumpkin', 'turnip', 'carrot',
  'sparrow', 'falcon', 'badger', 'otter', 'beaver', 'salmon', 'walrus', 'camel', 'giraffe', 'koala',
  'tuesday', 'autumn', 'winter', 'morning', 'evening', 'season', 'minute', 'century', 'calendar', 'clock',
  'circle', 'square', 'triangle', 'spiral', 'stripe', 'pattern', 'corner', 'edge', 'surface', 'border',
  'purple', 'yellow', 'orange', 'silver', 'golden', 'crimson', 'teal', 'beige', 'amber', 'indigo',
  'wooden', 'round', 'shiny', 'quiet', 'heavy', 'narrow', 'gentle', 'distant', 'hollow', 'smooth',
  'walk', 'jump', 'fold', 'paint', 'whisper', 'carry', 'stack', 'polish', 'sketch', 'measure',
  'travel', 'borrow', 'gather', 'wander', 'arrange', 'balance', 'collect', 'follow', 'repeat', 'return',
];
