/**
 * The uses Probity refuses by design (design.md, "What Probity refuses to do").
 * A jurisdiction pack that mentions any of these terms in what a record, list,
 * action or purpose is about is rejected, naming the principle it breaks.
 * The lists are deliberately broad: a false alarm costs a pack author a rename,
 * a miss would let the registry score what it must never score.
 */
export interface RefusedUse {
  readonly principle: string;
  /** Lower-case English words or word sequences (space-separated), matched as whole tokens. */
  readonly words: readonly string[];
  /** Chinese terms, matched as substrings. */
  readonly zh: readonly string[];
}

export const REFUSED_USES: readonly RefusedUse[] = [
  {
    principle: 'no biometric identification',
    words: [
      'biometric',
      'biometrics',
      'face',
      'faces',
      'facial',
      'fingerprint',
      'fingerprints',
      'iris',
      'retina',
      'voiceprint',
      'gait',
      'palm print',
      'face recognition',
    ],
    zh: ['生物识别', '人脸', '面部', '指纹', '虹膜', '声纹', '步态'],
  },
  {
    principle: 'no DNA or other genetic data',
    words: ['dna', 'gene', 'genes', 'genetic', 'genetics', 'genome', 'genomic', 'genotype'],
    zh: ['基因', '遗传'],
  },
  {
    principle: 'no sanctions or ratings that reach family members, relatives or associates',
    words: [
      'relative',
      'relatives',
      'family',
      'families',
      'spouse',
      'spouses',
      'child',
      'children',
      'parent',
      'parents',
      'sibling',
      'siblings',
      'kin',
      'kinship',
      'associate',
      'associates',
      'household',
      'households',
      'offspring',
      'son',
      'sons',
      'daughter',
      'daughters',
      'father',
      'mother',
      'husband',
      'wife',
      'friend',
      'friends',
      'acquaintance',
      'acquaintances',
      'related person',
      'related persons',
    ],
    zh: ['亲属', '家属', '家庭', '家人', '配偶', '子女', '父母', '亲友', '朋友', '关联人'],
  },
  {
    principle: 'no scoring of lifestyle, consumption, leisure or social networks',
    words: [
      'lifestyle',
      'leisure',
      'hobby',
      'hobbies',
      'video game',
      'video games',
      'gaming',
      'game',
      'games',
      'entertainment',
      'shopping',
      'purchases',
      'purchase history',
      'spending',
      'consumption habit',
      'consumption habits',
      'consumption pattern',
      'consumption patterns',
      'social network',
      'social networks',
      'social media',
      'followers',
      'browsing',
      'dating',
      'alcohol',
      'smoking',
    ],
    zh: ['生活方式', '休闲', '爱好', '游戏', '娱乐', '购物', '消费习惯', '消费记录', '社交', '朋友圈'],
  },
  {
    principle: 'no ethnicity as an input',
    words: ['ethnic', 'ethnicity', 'race', 'racial', 'minzu'],
    zh: ['民族', '种族'],
  },
  {
    principle: 'no religion as an input',
    words: [
      'religion',
      'religions',
      'religious',
      'faith',
      'belief',
      'beliefs',
      'church',
      'mosque',
      'temple',
      'worship',
    ],
    zh: ['宗教', '信仰'],
  },
  {
    principle: 'no political opinion as an input',
    words: [
      'political',
      'politics',
      'party member',
      'party membership',
      'petition',
      'petitioning',
      'petitioner',
      'protest',
    ],
    zh: ['政治', '党员', '上访', '信访'],
  },
  {
    principle: 'no union membership as an input',
    words: ['union membership', 'trade union', 'labour union', 'labor union'],
    zh: ['工会'],
  },
  {
    principle: 'no health data as an input',
    words: [
      'health',
      'medical',
      'disease',
      'diseases',
      'illness',
      'diagnosis',
      'disability',
      'disabilities',
      'pregnancy',
      'pregnant',
      'mental',
      'hiv',
    ],
    zh: ['健康', '医疗', '疾病', '病历', '残疾', '怀孕'],
  },
  {
    principle: 'no sexual orientation as an input',
    words: ['sexual', 'sexuality', 'orientation', 'gender identity'],
    zh: ['性取向'],
  },
  {
    principle: 'no location tracking as an input',
    words: [
      'location',
      'locations',
      'gps',
      'geolocation',
      'latitude',
      'longitude',
      'whereabouts',
      'movement',
      'movements',
      'trajectory',
      'tracking',
    ],
    zh: ['位置', '轨迹', '行踪', '定位'],
  },
  {
    principle: 'no prediction of crimes or intent before any act',
    words: [
      'predict',
      'predicted',
      'prediction',
      'predictions',
      'predictive',
      'forecast',
      'propensity',
      'intent',
      'intention',
      'intentions',
      'precrime',
      'pre crime',
      'likelihood',
      'suspicion',
      'suspected',
    ],
    zh: ['预测', '意图', '倾向', '嫌疑'],
  },
];

/** Splits codes, camelCase field names and prose into lower-case word tokens. */
export function wordTokens(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

const PHRASES = REFUSED_USES.flatMap((use) => use.words.map((word) => ({ use, tokens: word.split(' ') })));

/** The refused uses a piece of text touches, with the term that matched; empty when clean. */
export function refusedUsesIn(text: string): { readonly use: RefusedUse; readonly term: string }[] {
  const tokens = wordTokens(text);
  const found = new Map<RefusedUse, string>();
  for (const { use, tokens: phrase } of PHRASES) {
    if (found.has(use)) continue;
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, k) => tokens[i + k] === word)) {
        found.set(use, phrase.join(' '));
        break;
      }
    }
  }
  for (const use of REFUSED_USES) {
    if (found.has(use)) continue;
    const term = use.zh.find((zh) => text.includes(zh));
    if (term) found.set(use, term);
  }
  return [...found].map(([use, term]) => ({ use, term }));
}
