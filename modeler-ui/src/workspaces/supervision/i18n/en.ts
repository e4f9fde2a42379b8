export default {
  title: 'Supervision',
};
