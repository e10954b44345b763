import type { Random } from '../kernel/random';

// A selection from Docker's names generator (moby/pkg/namesgenerator): adjectives and the
// surnames of scientists and hackers.
const LEFT = ['admiring', 'adoring', 'affectionate', 'amazing', 'awesome', 'blissful', 'bold', 'brave', 'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'dazzling', 'determined', 'eager', 'ecstatic', 'elegant', 'epic', 'exciting', 'festive', 'focused', 'friendly', 'funny', 'gallant', 'gifted', 'goofy', 'gracious', 'happy', 'hopeful', 'inspiring', 'intelligent', 'jolly', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical', 'modest', 'musing', 'nice', 'nifty', 'nostalgic', 'optimistic', 'peaceful', 'pensive', 'practical', 'priceless', 'quirky', 'relaxed', 'reverent', 'romantic', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'sweet', 'tender', 'trusting', 'upbeat', 'vibrant', 'vigilant', 'wizardly', 'wonderful', 'youthful', 'zealous'];
const RIGHT = ['agnesi', 'albattani', 'allen', 'archimedes', 'babbage', 'bardeen', 'bell', 'blackwell', 'bohr', 'booth', 'borg', 'brahmagupta', 'cannon', 'carson', 'cerf', 'chandrasekhar', 'clarke', 'curie', 'darwin', 'dijkstra', 'einstein', 'euclid', 'euler', 'fermat', 'feynman', 'franklin', 'galileo', 'gauss', 'goldberg', 'goodall', 'hamilton', 'hawking', 'heisenberg', 'hopper', 'hypatia', 'johnson', 'kalam', 'kepler', 'knuth', 'lamarr', 'leakey', 'liskov', 'lovelace', 'mayer', 'mccarthy', 'meitner', 'mendel', 'morse', 'newton', 'nobel', 'noether', 'pascal', 'pasteur', 'perlman', 'poincare', 'ramanujan', 'ritchie', 'shannon', 'sinoussi', 'tesla', 'thompson', 'torvalds', 'turing', 'wilson', 'wozniak', 'wright', 'yalow', 'yonath'];

/** A random container name, `adjective_surname`, as Docker makes them (never boring_wozniak). */
export function containerName(random: Random, taken: (name: string) => boolean): string {
  for (let i = 0; ; i++) {
    let name = `${random.pick(LEFT)}_${random.pick(RIGHT)}`;
    if (name === 'boring_wozniak') continue;
    if (i > 10) name += random.int(10);
    if (!taken(name)) return name;
  }
}
