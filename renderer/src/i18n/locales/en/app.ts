export const app = {
  title: 'Lading',
  images: 'Images',
  containers: 'Containers',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
