// UI strings in Simplified Chinese, the default locale. This object defines the set of keys:
// every other locale is typed from it, so a missing or misspelt key fails the type check.
// Placeholders are written {name} and filled by t(key, { name }).
import { workspaceZhCN } from "./workspace.zh-CN";

export const zhCN = {
  ...workspaceZhCN,
  "app.name": "首问",
  "app.tagline": "先查制度，再问同事：每个问题都有人负责到底。",
  "skipLink": "跳到主要内容",
  "backHome": "返回首页",
  "punct.colon": "：",

  "nav.label": "主导航",
  "nav.menu": "菜单",
  "nav.search": "搜索制度",
  "nav.search.description": "用自己的话描述问题，直接找到相关制度条款。",
  "nav.ask": "我要提问",
  "nav.ask.description": "制度里找不到答案时提问，由首问责任人限时答复。",
  "nav.myQuestions": "我的问题",
  "nav.myQuestions.description": "查看你提过的问题、处理进度和答复。",
  "nav.queue": "待办队列",
  "nav.queue.description": "分配给你的问题，按答复时限排序。",
  "nav.policyInsights": "制度洞察",
  "nav.policyInsights.description": "员工在搜什么、找不到什么，哪些制度需要补充。",
  "nav.management": "管理看板",
  "nav.management.description": "答复时效、满意度和升级情况。",
  "nav.scorecard": "首问考核",
  "nav.scorecard.description": "首问责任人的时效、满意度、投诉与质检成绩。",
  "nav.ledger": "登记台账",
  "nav.ledger.description": "每一个问题的提问人、责任人链、结果和日期，可导出。",
  "nav.qa": "质检抽查",
  "nav.qa.description": "抽查已答复的问题，检查答复质量。",
  "nav.admin": "系统管理",
  "nav.admin.description": "用户、角色、责任分工与系统设置。",

  "locale.switchTo": "English",
  "locale.switchPrefix": "切换语言：",

  "auth.signIn": "登录",
  "auth.signOut": "退出登录",
  "auth.signingIn": "正在登录…",
  "auth.signedInAs": "当前用户：{name}",
  "notifications.link": "通知",
  "notifications.unread": "{count} 条未读通知",
  "auth.title": "登录首问",
  "auth.intro": "使用公司邮箱和密码登录。",
  "auth.email": "邮箱",
  "auth.password": "密码",
  "auth.or": "或",
  "auth.oidc": "使用{name}登录",
  "auth.error.credentials": "邮箱或密码不正确，请重新输入。",
  "auth.error.rateLimited": "登录尝试过多，请稍后再试",
  "auth.error.disabled": "账号已停用，请联系系统管理员。",
  "auth.error.oidcNoEmail": "单点登录账号没有提供邮箱，无法登录，请联系系统管理员。",
  "auth.error.oidcUnverified": "单点登录服务没有确认你的邮箱地址，无法据此登录。请联系系统管理员为你绑定单点登录账号。",
  "auth.error.oidcSubjectMismatch": "这个邮箱的账号已绑定另一个单点登录身份，无法登录。请联系系统管理员。",
  "auth.error.oidc": "单点登录失败，请重试或改用邮箱密码登录。",
  "auth.error.sessionRequired": "请先登录。",
  "auth.error.missingFields": "请填写邮箱和密码。",
  "auth.error.network": "无法连接服务器，请检查网络后重试。",
  "auth.error.generic": "登录失败，请重试。",

  "home.welcome": "你好，{name}",
  "home.searchLabel": "搜索制度",
  "home.searchPlaceholder": "用自己的话描述问题，例如：年假怎么算",
  "home.searchSubmit": "搜索",
  "home.shortcuts": "常用入口",
  "home.pitchTitle": "有问题，先查制度",
  "home.pitch": "员工先在制度库里找答案；找不到时，问题交给首问责任人，限时答复、负责到底。",

  "forbidden.title": "无权访问",
  "forbidden.body": "你的账号没有访问此页面的权限。如需开通，请联系系统管理员。",
  "unauthorized.title": "请先登录",
  "unauthorized.body": "此页面需要登录后才能查看。",
  "notFound.title": "页面不存在",
  "notFound.body": "你要找的页面不存在或已被移除。请检查地址，或从首页重新进入。",
  "error.title": "出错了",
  "error.body": "请求没有完成。请稍后重试；如果问题持续，请把请求编号告诉系统管理员。",
  "error.requestId": "请求编号",
  "error.retry": "重试",
} as const;

export type MessageKey = keyof typeof zhCN;

/** The shape every locale must have: the same keys, any wording. */
export type Messages = Record<MessageKey, string>;
