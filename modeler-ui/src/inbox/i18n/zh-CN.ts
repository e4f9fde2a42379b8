// 站内通知 (the bell in the header, for everyone signed in). Every key must also exist in en.ts.
export default {
  title: '站内通知',
  bellNone: '站内通知，没有未读通知',
  bellUnread: '站内通知，{count} 条未读',
  readAll: '全部已读',
  readAllDone: '已将 {n} 条通知标为已读',
  empty: '暂无通知',
  unread: '未读',
  newItem: '新通知：{title}',
  latest: '显示最近 {shown} 条，共 {total} 条',
  kinds: {
    task: '任务',
    reminder: '催办',
    supervision: '督办',
    discipline: '处分建议',
    'delivery-failed': '发送失败',
  },
  time: {
    justNow: '刚刚',
    minutes: '{n} 分钟前',
    hours: '{n} 小时前',
    days: '{n} 天前',
  },
};
