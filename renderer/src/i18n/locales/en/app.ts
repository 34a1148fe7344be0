export const app = {
  title: 'Lading',
  images: 'Images',
  build: 'Build',
  registries: 'Registries',
  image: 'Image',
  compare: 'Compare images',
  containers: 'Containers',
  language: 'Language',
  mainNavigation: 'Main navigation',
} as const;
