import type { KeyboardEvent } from 'react';

const FIELDS = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), [data-enter-stop]';

function visible(el: HTMLElement): boolean {
  return el.offsetParent !== null || el.getClientRects().length > 0;
}

/** The fields of `container` in tab order that Enter walks through (one stop per radio group). */
function stops(container: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  const radioGroups = new Set<string>();
  for (const el of container.querySelectorAll<HTMLElement>(FIELDS)) {
    if (!visible(el) || el.tabIndex < 0) continue;
    if (el instanceof HTMLInputElement && el.type === 'radio') {
      const group = el.name || el.closest('[role=radiogroup]')?.id || '';
      const checked = el.checked;
      if (group && radioGroups.has(group)) continue;
      const anyChecked = group
        ? [...container.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(group)}"]`)].some(
            (r) => r.checked,
          )
        : false;
      if (anyChecked && !checked) continue;
      if (group) radioGroups.add(group);
    }
    out.push(el);
  }
  return out;
}

/** Moves the focus to the field after `from` (or the first one when `from` is not a field). */
export function focusNext(container: HTMLElement, from: Element | null): void {
  const all = stops(container);
  let i = from ? all.indexOf(from as HTMLElement) : -1;
  if (i < 0 && from) {
    // a radio of a group (not its stop) or an element inside a field: the first stop after it in document order
    i = all.findIndex((el) => from.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) - 1;
    if (i < -1) i = all.length - 1;
  }
  const next = all[i + 1];
  next?.focus();
}

/**
 * Keyboard handling of a data-entry form: Enter moves to the next field (not in text areas, buttons,
 * links, or an open select, which use Enter themselves), Ctrl+Enter (⌘+Enter) submits from anywhere.
 */
export function enterMovesOn(submit: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      e.stopPropagation();
      submit();
      return;
    }
    if (e.altKey || e.shiftKey) return;
    const el = e.target as HTMLElement;
    if (el.tagName !== 'INPUT') return;
    if (el.getAttribute('role') === 'combobox') {
      if (el.getAttribute('aria-expanded') === 'true') return; // the select picks the option, then moves on
      e.preventDefault();
      e.stopPropagation();
      focusNext(e.currentTarget, el);
      return;
    }
    e.preventDefault();
    focusNext(e.currentTarget, el);
  };
}
