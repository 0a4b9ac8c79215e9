// The shapes of a brush-off (服务忌语), as a small pattern grammar over normalised text.
// A shape is what the owner does to the asker, not a word: denying knowledge, denying
// responsibility, sending the asker away (to someone else, to the rules, to later, to a complaint),
// blaming the rules without acting, and rebuking. The first four are allowed when the owner then
// commits to an action ("制度写得不清楚，我去确认"); a rebuke never is.
// Patterns are written as source fragments so each variant reads as a list of alternatives.

const alt = (...xs: string[]) => `(?:${xs.join("|")})`;

/** Clause-final particles and fillers: "不知道啊", "找别人去吧". */
const TAIL = `${alt("啊", "呀", "哦", "噢", "呢", "吧", "了", "哈", "嘛", "诶", "欸", "耶", "呗", "的", "哎", "喔")}*`;
/** The owner as subject ("我", "我们部门"), or a topic before it ("这个问题我"). */
const SELF = alt("我", "我们", "咱", "咱们", "本人", "我这边", "我们这边", "我们部门", "本部门", "我们科室");
const TOPIC = alt("这个问题", "这件事情?", "这事儿?", "这个事情?", "这块", "这些", "这种事情?", "这个", "这", "那个", "那");
const ADV = `${alt("也", "都", "真的?", "确实", "实在", "完全", "根本", "压根儿?", "一点都", "一点也", "并", "还", "就", "是")}*`;
const KNOW = alt(
  "不知道", "不清楚", "不了解", "不晓得", "不懂", "不明白", "没听说过?", "没数", "说不清楚?", "搞不清楚?", "弄不清楚?", "不太清楚", "不大清楚",
  "不是很清楚", "不太了解", "不太懂", "不太知道", "不怎么清楚", "没概念", "没印象",
);
/** What may follow a denial of knowledge and still leave it a denial: "我也不知道怎么办". */
const KNOW_REST = alt("怎么办", "该怎么办", "怎么弄", "怎么搞", "找谁", "该找谁", "问谁", "该问谁", "谁管", "是谁管", "归谁管", "谁负责", "什么情况", "啥情况", "这个", "这些", "这事");
const MATTER = alt("事情?", "事儿", "活儿?", "工作", "职责", "业务", "问题", "范围", "范畴", "管的", "负责的", "管辖", "分内事", "责任");
const YOU = alt("你", "您", "你们");
/** Where the asker is sent: another person or department, named or not. */
const ELSEWHERE = alt(
  "别人", "别的人", "其他人", "其他同事", "别的同事", "其他部门", "别的部门", "相关部门", "对应部门", "他们", "他", "她",
  "人事", "人力", "hr", "财务", "行政", "it", "法务", "领导", "上面", "上级", "客服", "前台",
  "[\\p{Script=Han}]{1,4}部",
);
const RULES = alt("制度", "规定", "规章", "文件", "条款", "政策", "流程", "系统", "公司", "上面", "领导");

export type BrushOffShape = "knowledge" | "responsibility" | "sendAway" | "rules" | "rebuke";

export interface ShapeRule {
  shape: BrushOffShape;
  /** Matched on one clause from its start to its end (a denial is the whole clause). */
  clause?: RegExp;
  /** Matched anywhere in the squashed text (survives split-up spellings: "不 归，我管"). */
  span?: RegExp;
}

const whole = (src: string) => new RegExp(`^${src}${TAIL}$`, "u");
const anywhere = (src: string) => new RegExp(src, "gu");

export const SHAPE_RULES: ShapeRule[] = [
  // 我不知道 / 不清楚 / 这个我真不知道 / 我也不知道该找谁 / 谁知道呢 / 我哪知道
  { shape: "knowledge", clause: whole(`${TOPIC}?${SELF}?${ADV}${KNOW}${KNOW_REST}?`) },
  { shape: "knowledge", clause: whole(`${TOPIC}?${alt(`${SELF}?${alt("哪", "哪里", "怎么", "咋", "上哪")}知道`, "谁知道", "天知道", "鬼知道", "谁晓得")}`) },
  // 不归我管 / 不是我们部门的事 / 与我无关 / 不在我们职责范围 / 我们不负责这个 / 这事我管不了
  { shape: "responsibility", span: anywhere(`不归${SELF}${alt("管", "负责", "处理")}`) },
  { shape: "responsibility", span: anywhere(`${alt("不是", "非", "不属于", "不算")}${SELF}${alt("部门", "科室", "这边", "组")}?的?${MATTER}`) },
  { shape: "responsibility", span: anywhere(`不属于${SELF}${alt("管", "负责", "处理")}`) },
  { shape: "responsibility", span: anywhere(`${alt("不关", "不干")}${SELF}${alt("的", "什么")}?事`) },
  { shape: "responsibility", span: anywhere(`${alt("与", "跟", "和")}${SELF}${alt("无关", "没关系", "没有关系", "没啥关系", "没什么关系", "不相干", "无涉")}`) },
  { shape: "responsibility", span: anywhere(`不在${SELF}的?${alt("职责", "管理", "业务", "负责", "工作", "处理")}?${alt("范围", "范畴", "之内", "之列")}`) },
  { shape: "responsibility", clause: whole(`${TOPIC}?${SELF}${ADV}${alt("不管", "不负责", "不处理", "管不了", "管不着", "管不到", "不归口")}${alt("这个", "这些", "这事", "这块", "这种事", "这类事?")}?`) },
  { shape: "responsibility", clause: whole(`${TOPIC}${ADV}${alt("不归口", "管不了", "管不着", "没人管")}`) },
  // 找别人去 / 你去问人事吧 / 你自己查制度吧 / 这事别问我 / 问我也没用 / 有意见你去投诉 / 明天再说 / 排队等着
  { shape: "sendAway", span: anywhere(`(?<![我帮替给为])${YOU}?${alt("自己", "还是")}?${alt("去", "再去")}?${alt("找", "问", "咨询", "联系")}${ELSEWHERE}${alt("去", "吧", "问问", "问去", "去吧", "问吧", "看看", "好了")}`) },
  { shape: "sendAway", clause: whole(`${TOPIC}?${YOU}?${alt("自己", "还是")}?${alt("去", "再去")}?${alt("找", "问", "咨询", "联系")}${ELSEWHERE}`) },
  { shape: "sendAway", span: anywhere(`(?<![我])${alt("你", "您")}?自己${alt("去", "先", "再")}?${alt("查", "看", "翻", "找", "问", "研究", "想办法", "琢磨", "搞定", "解决", "处理")}`) },
  { shape: "sendAway", span: anywhere(`${alt("别", "不要", "甭", "少")}${alt("问", "找", "来问", "来找", "烦")}我`) },
  { shape: "sendAway", span: anywhere(`${alt("问", "找")}我${alt("也", "有什么", "有啥")}?${alt("没用", "没有用", "白搭", "没辙")}`) },
  { shape: "sendAway", span: anywhere(`${alt("有意见", "不满意", "不服")}[^。]{0,6}投诉`) },
  { shape: "sendAway", span: anywhere(`${alt("你", "您", "随便", "尽管", "就", "那就")}${alt("去", "")}投诉${alt("吧", "去", "好了", "呗", "啊")}`) },
  { shape: "sendAway", clause: whole(`${alt("现在", "已经", "我")}?${alt("下班", "休息", "放假")}了${alt("有事", "")}?${alt("明天", "改天", "下周", "以后", "回头", "过两天", "节后")}?${alt("再说", "再问", "再来")}?`) },
  // "再说明" is "explain again", not "later".
  { shape: "sendAway", span: anywhere(`${alt("明天", "改天", "下周", "以后", "回头", "过两天", "过几天", "有空", "节后", "等等", "等会儿?")}再${alt("说", "讲", "问", "来")}(?!明)`) },
  { shape: "sendAway", span: anywhere(`${alt("急什么", "急啥", "催什么", "催啥", "慌什么", "排队等着", "等着吧", "慢慢等", "等通知吧", "你就等着")}`) },
  // 我们就是这么规定的 / 没办法 / 系统就这样，我也改不了 / 制度写得不清楚 / 规定就是规定
  { shape: "rules", clause: whole(`${TOPIC}?${SELF}?${ADV}${alt("没办法", "没有办法", "没辙", "无能为力", "爱莫能助", "帮不了你?", "帮不上忙?", "改不了", "无解", "没法弄", "没法办")}`) },
  { shape: "rules", clause: whole(`${alt(RULES, SELF)}?${ADV}${alt("就", "本来就", "一直")}${alt("是", "")}${alt("这样", "这么规定", "这么定", "这么写", "这么要求", "这个规矩")}${alt("的", "")}${alt("没办法", "没得改", "")}`) },
  { shape: "rules", span: anywhere(`${alt("规定", "制度", "规矩")}就是${alt("规定", "制度", "规矩")}`) },
  { shape: "rules", span: anywhere(`${alt("上面", "领导", "公司")}${alt("定", "规定", "要求")}的${alt("我", "")}${alt("也", "")}${alt("没办法", "管不了", "改不了", "没辙")}`) },
  { shape: "rules", clause: whole(`${RULES}${alt("里", "上", "中")}?${alt("写得", "说得", "规定得", "讲得", "本来就", "也", "就", "")}${alt("不清楚", "不明确", "不清不楚", "很模糊", "模糊", "没写", "没有写", "没说", "没有说", "没规定", "没有规定", "没提", "没讲")}`) },
  // 你怎么连这个都不懂 / 说了多少遍了 / 烦不烦
  { shape: "rebuke", span: anywhere(`${alt("连这", "这都", "这也", "这么简单")}[^。]{0,4}?${alt("都", "也")}?${alt("不懂", "不会", "不知道", "不明白", "搞不清", "看不懂")}`) },
  { shape: "rebuke", span: anywhere(`${alt("说", "讲", "告诉你", "解释")}了${alt("多少", "几", "八百", "一百", "n")}${alt("遍", "次", "回")}`) },
  { shape: "rebuke", span: anywhere(alt("烦不烦", "有完没完", "问那么多干", "问这么多干", "不会自己看吗?", "看不懂吗", "没长眼", "听不懂吗", "还要我说几遍")) },
];

/**
 * An action the owner commits to: "我去确认", "我帮你问", "稍后答复", "我来联系", "已转给财务王芳".
 * Matched inside one clause; the clause text before it must not negate it ("我没法帮你问") or make it
 * the asker's job ("你去确认").
 */
const ACT_VERB = alt(
  "确认", "核实", "核对", "核查", "询问", "问一下", "问一问", "问问", "问清楚?", "问", "联系", "协调", "跟进", "跟踪", "了解一下", "了解", "处理", "办理",
  "转给", "转交", "转到", "转达", "反馈", "答复", "回复", "回电", "告知", "告诉", "通知", "落实", "对接", "沟通", "请教", "咨询", "查一下", "查查",
  "查明", "查清楚?", "查", "打听", "找人", "找同事", "找相关同事", "找负责", "提交", "申请", "安排", "解决", "催", "补充", "整理", "发给", "约",
);
const WHEN = alt(
  "马上", "立刻", "立即", "这就", "现在就", "稍后", "尽快", "今天", "明天", "今天内", "今天之内", "下班前", "上午", "下午", "晚些时候", "随后", "第一时间",
  "[\\d一二三四五六七八九十两]+个?(?:工作日|小时|天)内", "[周星期][一二三四五六日天]前?", "[\\d一二三四五六七八九十]+[点号日]前?",
);
const LEAD = alt(
  WHEN, "先", "现在", "会", "来", "去", "再", "负责", "一定", "这边", "已经?", "已为", "帮你", "帮您", "替你", "替您", "给你", "给您", "为你", "为您", "和你", "和您",
  "跟你", "跟您", "向", "找", "把", "在", "与", "同",
);
const ACT = new RegExp(`(?<who>${SELF})?(?<lead>${LEAD}*)(?<verb>${ACT_VERB})`, "gu");
const NEGATED = new RegExp(`${alt("不", "没", "别", "无法", "没法", "不能", "不会", "不想", "不用", "难以", "未", "没办法", "不要")}$`, "u");
const OTHERS = new RegExp(`${alt("你", "您", "你们", "他", "她", "他们", "她们", "别人", "对方")}$`, "u");

/** Whether `clause` (squashed) holds an owner's commitment starting at or after `from`. */
export function commitsToAction(clause: string, from = 0): boolean {
  for (const m of clause.matchAll(ACT)) {
    if (m.index < from) continue;
    // A bare verb is not a commitment: "您问的问题" is not "我帮您问".
    if (!m.groups!.who && !m.groups!.lead) continue;
    const before = clause.slice(0, m.index);
    if (NEGATED.test(before) || OTHERS.test(before)) continue;
    return true;
  }
  return false;
}

export const SHAPE_SUGGESTIONS: Record<BrushOffShape, string> = {
  knowledge: "这个问题我来帮您确认，预计在约定时间内答复您。",
  responsibility: "这件事由我负责跟进到底，我会联系相关同事并把结果告诉您。",
  sendAway: "我会把问题连同交接说明转给负责同事，并告诉您对方的联系方式和办理进度。",
  rules: "目前制度的要求是……；我去确认是否有例外办法，并在约定时间内答复您。",
  rebuke: "感谢您的耐心，我再把要点整理一下发给您。",
};
