/**
 * The operator key of this tab: kept in sessionStorage only (gone when the tab closes, never shared with other tabs,
 * never in a URL or localStorage), because it opens every tenant's creation and every node's figures.
 */
const storageKey = "pdg.operator.key";

export function storedOperatorKey(storage: Pick<Storage, "getItem"> = sessionStorage): string | null {
  return storage.getItem(storageKey);
}

export function storeOperatorKey(key: string, storage: Pick<Storage, "setItem"> = sessionStorage): void {
  storage.setItem(storageKey, key);
}

export function forgetOperatorKey(storage: Pick<Storage, "removeItem"> = sessionStorage): void {
  storage.removeItem(storageKey);
}
