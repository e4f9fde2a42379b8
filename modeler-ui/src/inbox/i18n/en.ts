// Inbox (the bell in the header). Must have exactly the same keys as zh-CN.ts.
export default {
  title: 'Notifications',
  bellNone: 'Notifications, none unread',
  bellUnread: 'Notifications, {count} unread',
  readAll: 'Mark all as read',
  readAllDone: '{n} notifications marked as read',
  empty: 'No notifications',
  unread: 'Unread',
  newItem: 'New notification: {title}',
  latest: 'Showing the latest {shown} of {total}',
  kinds: {
    task: 'Task',
    reminder: 'Reminder',
    supervision: 'Supervision',
    discipline: 'Discipline',
    'delivery-failed': 'Delivery failed',
  },
  time: {
    justNow: 'just now',
    minutes: '{n} min ago',
    hours: '{n} h ago',
    days: '{n} days ago',
  },
};
