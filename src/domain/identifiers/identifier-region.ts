import type { LocalisedText } from '../catalog/pack.js';

// GB/T 2260 administrative division codes that the demo's codes carry, with their names; a code
// not listed here has no region shown (the identifier still tells the subjects apart).
const DIVISIONS: ReadonlyMap<string, LocalisedText> = new Map(
  (
    [
      ['100000', 'Central government', '中央'],
      ['110101', 'Dongcheng District, Beijing', '北京市东城区'],
      ['110102', 'Xicheng District, Beijing', '北京市西城区'],
      ['110105', 'Chaoyang District, Beijing', '北京市朝阳区'],
      ['110108', 'Haidian District, Beijing', '北京市海淀区'],
      ['310000', 'Shanghai', '上海市'],
      ['310101', 'Huangpu District, Shanghai', '上海市黄浦区'],
      ['310104', 'Xuhui District, Shanghai', '上海市徐汇区'],
      ['310105', 'Changning District, Shanghai', '上海市长宁区'],
      ['310106', 'Jing’an District, Shanghai', '上海市静安区'],
      ['310107', 'Putuo District, Shanghai', '上海市普陀区'],
      ['310109', 'Hongkou District, Shanghai', '上海市虹口区'],
      ['310110', 'Yangpu District, Shanghai', '上海市杨浦区'],
      ['310112', 'Minhang District, Shanghai', '上海市闵行区'],
      ['310113', 'Baoshan District, Shanghai', '上海市宝山区'],
      ['310114', 'Jiading District, Shanghai', '上海市嘉定区'],
      ['310115', 'Pudong New Area, Shanghai', '上海市浦东新区'],
      ['310116', 'Jinshan District, Shanghai', '上海市金山区'],
      ['310117', 'Songjiang District, Shanghai', '上海市松江区'],
      ['310118', 'Qingpu District, Shanghai', '上海市青浦区'],
      ['310120', 'Fengxian District, Shanghai', '上海市奉贤区'],
      ['310151', 'Chongming District, Shanghai', '上海市崇明区'],
      ['320102', 'Xuanwu District, Nanjing', '南京市玄武区'],
      ['320506', 'Wuzhong District, Suzhou', '苏州市吴中区'],
      ['330102', 'Shangcheng District, Hangzhou', '杭州市上城区'],
      ['330106', 'Xihu District, Hangzhou', '杭州市西湖区'],
      ['350100', 'Fuzhou, Fujian', '福建省福州市'],
      ['420102', 'Jiang’an District, Wuhan', '武汉市江岸区'],
      ['440103', 'Liwan District, Guangzhou', '广州市荔湾区'],
      ['440104', 'Yuexiu District, Guangzhou', '广州市越秀区'],
      ['440106', 'Tianhe District, Guangzhou', '广州市天河区'],
      ['440304', 'Futian District, Shenzhen', '深圳市福田区'],
      ['440305', 'Nanshan District, Shenzhen', '深圳市南山区'],
      ['510104', 'Jinjiang District, Chengdu', '成都市锦江区'],
      ['610102', 'Xincheng District, Xi’an', '西安市新城区'],
    ] as const
  ).map(([code, en, zh]) => [code, { en, zh }]),
);

// Where a scheme's values carry the division code of the authority that registered the subject:
// GB 32100-2015, characters 3-8 of a unified social credit code.
const DIVISION_POSITIONS: ReadonlyMap<string, { readonly start: number; readonly end: number }> = new Map([
  ['CN-USCC', { start: 2, end: 8 }],
]);

/**
 * The region an identifier was registered in, named in the pack's languages, when its scheme
 * carries one and the division is known; otherwise undefined. Tells apart bodies of one name
 * (every district has its own 城市管理行政执法局).
 */
export function identifierRegion(identifier: {
  readonly scheme: string;
  readonly value: string;
}): LocalisedText | undefined {
  const positions = DIVISION_POSITIONS.get(identifier.scheme);
  return positions && DIVISIONS.get(identifier.value.slice(positions.start, positions.end));
}
