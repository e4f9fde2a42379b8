// 告知书: how a written notice's channel, status and moments read, wherever notices are shown (a
// case's notices, the print queue, the supervisors' deliveries). Every key must also exist in en.ts.
export default {
  channel: {
    sms: '短信',
    email: '电子邮件',
    letter: '邮寄',
  },
  // A letter is printed and posted rather than sent and delivered.
  status: {
    electronic: {
      pending: '待发送',
      sent: '已发送',
      delivered: '已送达',
      failed: '发送失败',
    },
    letter: {
      pending: '待打印',
      sent: '已打印',
      delivered: '已邮寄/送达',
      failed: '发送失败',
    },
  },
  // The name of a moment's time: a column's heading, or "生成时间：…" on a notice.
  moment: {
    created: '生成时间',
    sent: '发送时间',
    delivered: '送达时间',
    failed: '失败时间',
    printed: '打印时间',
    posted: '邮寄时间',
    served: '送达时间',
  },
};
