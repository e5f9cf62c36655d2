/**
 * Folds text for matching the way the store's search does: NFD, no combining
 * marks, lower case, and `đ` -> `d` (which Unicode does not decompose).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .trim();
}
