import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFocusAfterSending } from './useFocusAfterSending.ts';

/** A control of the page, focusable. */
function control(tag: 'button' | 'input') {
  const element = document.createElement(tag);
  document.body.append(element);
  return element;
}

/** A form sent from its button: the browser takes the focus away when the fields are disabled. */
function sendFromButton() {
  const button = control('button');
  const view = renderHook(({ sending }) => useFocusAfterSending(sending), { initialProps: { sending: false } });
  button.focus();
  view.result.current.keep();
  view.rerender({ sending: true });
  button.blur();
  return { ...view, button };
}

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
});

describe('useFocusAfterSending', () => {
  it('gives the focus back to the control that had it once the fields are enabled again', () => {
    const { rerender, button } = sendFromButton();
    expect(document.activeElement).toBe(document.body);
    rerender({ sending: false });
    expect(document.activeElement).toBe(button);
  });

  it('moves the focus to the control named after the reply instead', () => {
    const { result, rerender } = sendFromButton();
    const text = control('input');
    result.current.moveTo(text);
    expect(document.activeElement).toBe(document.body);
    rerender({ sending: false });
    expect(document.activeElement).toBe(text);
  });

  it('leaves the focus where the person put it meanwhile', () => {
    const { rerender } = sendFromButton();
    const elsewhere = control('input');
    elsewhere.focus();
    rerender({ sending: false });
    expect(document.activeElement).toBe(elsewhere);
  });
});
