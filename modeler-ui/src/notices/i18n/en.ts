// Notices (告知书): how a written notice's channel, status and moments read. Must have exactly the
// same keys as zh-CN.ts.
export default {
  channel: {
    sms: 'SMS',
    email: 'E-mail',
    letter: 'Letter',
  },
  status: {
    electronic: {
      pending: 'To send',
      sent: 'Sent',
      delivered: 'Delivered',
      failed: 'Failed',
    },
    letter: {
      pending: 'To print',
      sent: 'Printed',
      delivered: 'Posted / served',
      failed: 'Failed',
    },
  },
  moment: {
    created: 'Created',
    sent: 'Sent',
    delivered: 'Delivered',
    failed: 'Failed',
    printed: 'Printed',
    posted: 'Posted',
    served: 'Served',
  },
};
