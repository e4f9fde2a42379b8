export default {
  title: 'Follow your petition',
};
