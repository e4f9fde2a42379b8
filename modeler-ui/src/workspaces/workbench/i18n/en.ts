export default {
  title: 'Workbench',
};
