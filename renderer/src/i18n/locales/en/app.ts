export const app = {
  title: 'Lading',
  images: 'Images',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
