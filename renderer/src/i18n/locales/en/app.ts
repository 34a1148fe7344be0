export const app = {
  title: 'Lading',
  images: 'Images',
  registries: 'Registries',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
