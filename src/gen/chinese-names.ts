import type { Random } from './random.js';

// The most common surnames (about half of the population) and everyday given-name characters.
const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田',
  ...'董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白',
  ...'邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力婷雪',
  ...'琳晶晨宇浩然欣怡子涵思佳梓轩一诺雨萱博文俊杰志强海燕春梅国庆建国卫东',
];
const BRANDS = [...'华瑞鑫源盛达泰丰恒通宏远金诚信安嘉禾中天新航东方锦程智创联合永康'];
const INDUSTRIES = [
  '贸易',
  '科技',
  '建设工程',
  '物流',
  '餐饮管理',
  '电子',
  '房地产开发',
  '机械制造',
  '化工',
  '纺织',
  '实业',
  '投资管理',
  '信息技术',
  '建材',
  '汽车销售',
  '食品',
  '印刷',
  '装饰工程',
  '环保科技',
  '商务咨询',
];
const CITIES = ['上海', '北京', '广州', '深圳', '杭州', '南京', '苏州', '成都', '武汉', '西安'];
const BUREAUS = [
  '财政局',
  '住房和城乡建设管理委员会',
  '交通委员会',
  '教育局',
  '民政局',
  '城市管理行政执法局',
  '规划和自然资源局',
  '生态环境局',
  '水务局',
  '商务委员会',
  '人民政府办公室',
  '发展和改革委员会',
  '市场监督管理局',
  '绿化和市容管理局',
];
const DISTRICTS = [
  '浦东新区',
  '黄浦区',
  '徐汇区',
  '长宁区',
  '静安区',
  '普陀区',
  '虹口区',
  '杨浦区',
  '闵行区',
  '宝山区',
  '嘉定区',
  '松江区',
];

export function personName(random: Random): string {
  const given = random.chance(0.7) ? random.pick(GIVEN) + random.pick(GIVEN) : random.pick(GIVEN);
  return random.pick(SURNAMES) + given;
}

export function companyName(random: Random): string {
  return `${random.pick(CITIES)}${random.pick(BRANDS)}${random.pick(BRANDS)}${random.pick(INDUSTRIES)}有限公司`;
}

export function governmentBodyName(random: Random): string {
  return random.chance(0.3)
    ? `上海市${random.pick(BUREAUS)}`
    : `上海市${random.pick(DISTRICTS)}${random.pick(BUREAUS)}`;
}
