/**
 * Workplace synonym / paraphrase groups — plain data, mergeable with owner-supplied groups.
 *
 * A group is a list of terms that mean (roughly) the same thing in a company-policy context:
 * colloquial words, formal/legal wording, abbreviations, English. Matching is on the normalised
 * query (Simplified, lower-case, half-width), so Traditional spellings need not be listed.
 * Expansion is query-side only: when any term of a group occurs in the query, the other terms
 * are added with a reduced weight. Policy owners can extend this list (see mergeSynonymGroups).
 */
import { normalizeText } from './normalize';

export type SynonymGroup = readonly string[];

export const DEFAULT_SYNONYM_GROUPS: readonly SynonymGroup[] = [
  // leave & working time
  ['年假', '年休假', '带薪年休假', '带薪休假', 'annual leave'],
  ['产假', '生育假', '生孩子', '生小孩', '分娩', '生产', 'maternity leave'],
  ['怀孕', '孕期', '妊娠', '孕妇', '孕'],
  ['孕检', '产前检查', '产检'],
  ['哺乳', '喂奶', '母乳', '哺乳期', '婴儿'],
  ['病假', '病休', '患病', '生病'],
  ['事假', '请假'],
  ['工作时间', '工时', '上班时间', '作息时间', '上班', '工作日'],
  ['周末', '休息日', '双休', '周六周日', '轮休'],
  ['节假日', '法定节假日', '法定休假日', '国庆', '春节', '节日'],
  ['加班', '延长工作时间', 'ot', 'overtime'],
  ['加班费', '加班工资', '延长工作时间的工资'],
  ['夜班', '夜班劳动', '值夜班'],
  ['每天', '一天', '每日', '日均'],
  ['每周', '一周', '每星期'],
  ['每月', '一个月', '每个月', '月度'],
  ['明年', '下一年', '下一年度', '跨年度', '跨1个年度'],
  ['工龄', '累计工作时间', '工作年限', '工作年头'],
  ['远程办公', '居家办公', '在家办公', 'wfh'],
  // pay
  ['工资', '薪水', '薪资', '工钱', '劳动报酬', '薪酬', '月薪', 'salary'],
  ['扣工资', '扣钱', '克扣', '扣款', '扣发'],
  ['拖欠工资', '欠薪', '不发工资', '没发工资', '未及时足额支付劳动报酬'],
  ['日工资', '日薪', '日工资收入', '月计薪天数', '21.75'],
  ['小时工资', '时薪', '小时工资收入'],
  ['三倍工资', '300%', '三倍'],
  ['同工同酬', '同等劳动', '工资差距'],
  // contract & termination
  ['劳动合同', '合同', '劳动协议', '用工合同'],
  ['签合同', '订立劳动合同', '书面劳动合同', '签劳动合同'],
  ['试用期', 'probation'],
  ['转正', '试用期满'],
  ['辞职', '离职', '辞工', '不干了', '走人', '跳槽', '解除劳动合同', '提前通知用人单位'],
  ['辞退', '开除', '解雇', '炒鱿鱼', '被开', '解除劳动合同'],
  ['kpi', '绩效', '考核', '业绩', '不能胜任工作'],
  ['裁员', '被裁', '经济性裁员', '裁减人员'],
  ['违法辞退', '违法解除', '违反本法规定解除', '2n', '赔偿金'],
  ['经济补偿', 'n+1', '补偿金', '遣散费', '离职补偿'],
  ['续签', '续订', '合同到期', '劳动合同期满', '期满终止'],
  ['无固定期限劳动合同', '无固定期限合同', '长期合同'],
  ['劳务派遣', '派遣工', '被派遣劳动者', '外包工'],
  ['非全日制', '兼职', '小时工', 'part-time', 'part time'],
  ['竞业限制', '竞业协议', '竞业禁止', '同行'],
  ['服务期', '培训费', '专项培训', '培训协议'],
  ['违约金', '赔钱', '赔偿'],
  ['离职证明', '解除劳动合同的证明', '终止劳动合同的证明'],
  ['工作交接', '交接'],
  ['押金', '扣押证件', '身份证原件', '担保'],
  ['规章制度', '公司制度', '员工手册', '考勤制度'],
  ['公示', '告知', '通知员工'],
  ['hr', '人力资源', '人事', '人力'],
  ['员工', '职工', '劳动者', '雇员'],
  ['公司', '用人单位', '单位', '企业', '雇主'],
  // social insurance & housing fund
  ['社保', '社会保险', '五险'],
  ['养老保险', '基本养老保险', '养老金'],
  ['医保', '医疗保险', '基本医疗保险', '看病'],
  ['生育保险', '生育险', '生育津贴', '生育医疗费用'],
  ['转移', '转过去', '转移接续', '换城市', '跨统筹地区'],
  ['公积金', '住房公积金'],
  ['提取公积金', '取公积金', '提取', '还房贷', '付房租'],
  ['缴存比例', '缴存', '交公积金'],
  // work injury & safety
  ['工伤', '工作受伤', '因工受伤', '工伤认定', '职业病'],
  ['上下班途中', '下班路上', '上班路上', '通勤', '交通事故', '车祸'],
  ['停工留薪期', '养伤', '工伤假'],
  ['伤残', '伤残等级', '劳动能力鉴定', '残疾等级'],
  ['一次性伤残补助金', '伤残补助'],
  ['安全生产', '生产安全', '安全隐患', '事故隐患', '隐患'],
  ['劳保用品', '劳动防护用品', '防护用品', '安全帽', '防护手套'],
  ['安全培训', '安全生产教育和培训', '安全教育', 'safety training', '岗前培训'],
  ['违章指挥', '强令冒险作业', '冒险作业', '违规作业'],
  ['紧急情况', '紧急危险', '停止作业', '撤离', '危及人身安全'],
  ['消防', '火灾', '着火', '失火', '起火', '防火'],
  ['安全出口', '疏散通道', '逃生通道', '消防通道', '楼道'],
  ['抽烟', '吸烟', '使用明火'],
  ['危险品', '危险化学品', '易燃易爆'],
  ['宿舍', '员工宿舍'],
  ['消防演练', '消防演习', '疏散演练'],
  // tax & invoices & finance
  ['个税', '个人所得税', '所得税', '纳税', '交税', '扣税'],
  ['起征点', '减除费用', '免征额', '5000元'],
  ['专项附加扣除', '房贷利息', '房租', '住房贷款利息', '住房租金', '子女教育', '赡养老人'],
  ['汇算清缴', '汇算', '年度汇算'],
  ['税率', '税率表', '累进税率'],
  ['捐款', '捐赠', '公益捐赠'],
  ['发票', 'invoice', '开票', '票据'],
  ['电子发票', '数电票', '电子票'],
  ['报销', '报账'],
  ['虚开发票', '开具与实际经营业务情况不符的发票', '虚开'],
  // information security & compliance
  ['个人信息', '个人资料', '隐私', '个人数据', '客户信息', '客户资料', '身份证号', '银行卡号', '手机号', '住址'],
  ['法院', '司法机关', '司法', '执法机构', '外国司法'],
  ['借给', '出借', '出租', '借用', '租借'],
  ['供应商', '交易相对方', '经营者', '合作方'],
  ['补助', '补贴', '津贴', '福利费', '救济金', '抚恤金'],
  ['免税', '免征', '不交税', '减征'],
  ['敏感个人信息', '人脸', '人脸识别', '生物识别', '刷脸', '指纹'],
  ['单独同意', '签同意书', '同意书', '授权'],
  ['出境', '跨境', '境外', '海外', '国外', '传到国外'],
  ['泄露', '数据泄露', '泄密', '外泄', '信息泄露'],
  ['数据安全', '数据分类分级', '分类分级'],
  ['删除', '删掉', '清除'],
  ['查阅', '复制', '查看'],
  ['商业贿赂', '回扣', '红包', '贿赂', '好处费'],
  ['商业秘密', '客户名单', '保密'],
  ['电信诈骗', '诈骗', '电诈', '骗子'],
  ['电话卡', '手机卡', 'sim卡'],
  ['银行卡', '银行账户', '支付账户'],
  ['电子签名', '电子签章', '电子签字', '电子签'],
  ['手写签名', '手写签字', '盖章'],
  ['密钥', 'u盾', '私钥', '电子签名制作数据'],
  ['vpn', '虚拟专用网络', '内网'],
  // organisation & service
  ['工会', 'union', '职工代表'],
  ['残疾人', '残疾员工', '残障', '残疾职工'],
  ['性骚扰', '骚扰', '猥亵'],
  ['首问责任制', '首问负责制', '首问责任', '首问负责'],
  ['部门', '科室'],
  ['客户', '顾客', '宾客', '服务对象', '来访者'],
];

/** Normalise, de-duplicate, and merge synonym groups; groups sharing a term are NOT unioned (kept explicit). */
export function mergeSynonymGroups(...lists: readonly (readonly SynonymGroup[])[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const list of lists) {
    for (const g of list) {
      const terms = [...new Set(g.map((t) => normalizeText(t)).filter((t) => t.length > 0))];
      if (terms.length < 2) continue;
      const key = [...terms].sort().join('\u0001');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(terms);
    }
  }
  return out;
}

/** Parse owner-supplied groups from text: one group per line, terms separated by "," "，" "、" or "|". */
export function parseSynonymText(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .map((l) => l.split(/[,，、|]/).map((t) => t.trim()).filter(Boolean));
}

export interface Expansion {
  term: string;
  /** the query term that triggered it */
  from: string;
}

const isLatin = (t: string) => /^[a-z0-9+.\- ]+$/.test(t);

/** Does the normalised query contain the term (Latin terms must sit on word boundaries)? */
export function containsTerm(query: string, term: string): boolean {
  if (!isLatin(term)) return query.includes(term);
  const esc = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9])${esc}($|[^a-z0-9])`).test(query);
}

/** Terms to add for a normalised query (excluding terms already present). */
export function expandQuery(normalizedQuery: string, groups: readonly (readonly string[])[]): Expansion[] {
  const out: Expansion[] = [];
  const added = new Set<string>();
  for (const g of groups) {
    const hit = g.find((t) => containsTerm(normalizedQuery, t));
    if (!hit) continue;
    for (const t of g) {
      if (t === hit || added.has(t) || containsTerm(normalizedQuery, t)) continue;
      added.add(t);
      out.push({ term: t, from: hit });
    }
  }
  return out;
}
