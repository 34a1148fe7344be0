export const app = {
  title: 'Lading',
  images: 'Images',
  image: 'Image',
  compare: 'Compare images',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
