export const app = {
  title: 'Lading',
  images: 'Images',
  build: 'Build',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
