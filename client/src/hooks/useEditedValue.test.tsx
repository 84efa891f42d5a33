import { act, cleanup, renderHook } from '@testing-library/react';
import { buildActor } from '@vigie/shared/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { useEditedValue, type EditedValueOptions } from './useEditedValue.ts';

/** A value as the server holds it: a status and a note. */
interface Value {
  status: string;
  note: string;
}
/** The form holds the value as it is. */
const draftOf = (v: Value): Value => ({ ...v });

const bob = buildActor({ id: 'bob', name: 'Bob Durand' });

function render(value: Value, version: number, extra: Partial<EditedValueOptions<Value, Value>> = {}) {
  return renderHook((props: EditedValueOptions<Value, Value>) => useEditedValue(props), {
    initialProps: { value, version, draftOf, ...extra },
  });
}

afterEach(() => cleanup());

describe('useEditedValue', () => {
  it('starts the draft from the value, against its version', () => {
    const { result } = render({ status: 'ok', note: '' }, 4);
    expect(result.current.draft).toEqual({ status: 'ok', note: '' });
    expect(result.current.version).toBe(4);
    expect(result.current.editing).toBe(false);
    expect(result.current.meanwhile).toBeNull();
  });

  it('follows a change from outside while the person edits nothing', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    rerender({ value: { status: 'down', note: 'panne' }, version: 5, draftOf });
    expect(result.current.draft).toEqual({ status: 'down', note: 'panne' });
    expect(result.current.version).toBe(5);
    expect(result.current.meanwhile).toBeNull();
  });

  it('takes in two edits made before a render, the second from the first', () => {
    const { result } = render({ status: 'ok', note: '' }, 4);
    act(() => {
      result.current.edit((d) => ({ ...d, status: 'down' }));
      result.current.edit((d) => ({ ...d, note: 'panne' }));
    });
    expect(result.current.draft).toEqual({ status: 'down', note: 'panne' });
    expect(result.current.version).toBe(4);
  });

  it('keeps the draft when the value changes while editing, and says who changed it and when', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit((d) => ({ ...d, status: 'degraded' })));
    expect(result.current.changed).toBe(true);

    const provenance = { by: bob, at: '2024-08-03T09:05:00.000Z' };
    rerender({ value: { status: 'down', note: '' }, version: 5, draftOf, provenance });
    expect(result.current.draft).toEqual({ status: 'degraded', note: '' });
    expect(result.current.base).toEqual({ status: 'ok', note: '' });
    expect(result.current.version).toBe(4);
    expect(result.current.meanwhile).toEqual(provenance);
  });

  it('does not call a change from outside that says what the draft says a conflict, and follows it', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'down', note: '' }));
    rerender({ value: { status: 'down', note: '' }, version: 5, draftOf });
    expect(result.current.meanwhile).toBeNull();
    expect(result.current.editing).toBe(false);
    expect(result.current.version).toBe(5);

    // The settled edit does not come back with a later change.
    rerender({ value: { status: 'ok', note: '' }, version: 6, draftOf });
    expect(result.current.draft).toEqual({ status: 'ok', note: '' });
    expect(result.current.meanwhile).toBeNull();
  });

  it('holds the saved value until the copy shows the write, then follows the value again', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'down', note: ' panne ' }));
    const sent = result.current.mark();
    let applied = false;
    act(() => {
      applied = result.current.saved(sent, { version: 5, value: { status: 'down', note: 'panne' } });
    });
    expect(applied).toBe(true);
    expect(result.current.held).toBe(true);
    expect(result.current.draft).toEqual({ status: 'down', note: 'panne' });
    expect(result.current.meanwhile).toBeNull();

    rerender({ value: { status: 'down', note: 'panne' }, version: 5, draftOf });
    expect(result.current.editing).toBe(false);
    rerender({ value: { status: 'ok', note: '' }, version: 6, draftOf });
    expect(result.current.draft).toEqual({ status: 'ok', note: '' });
    expect(result.current.meanwhile).toBeNull();
  });

  it('starts an edit of a held draft from what was saved, at the version written', () => {
    const { result } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'down', note: '' }));
    const sent = result.current.mark();
    act(() => void result.current.saved(sent, { version: 5, value: { status: 'down', note: '' } }));
    act(() => result.current.edit((d) => ({ ...d, note: 'x' })));
    expect(result.current.base).toEqual({ status: 'down', note: '' });
    expect(result.current.version).toBe(5);
    expect(result.current.held).toBe(false);
  });

  it('leaves a draft changed since it was sent as it is when the reply comes', () => {
    const { result } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'down', note: '' }));
    const sent = result.current.mark();
    act(() => result.current.edit({ status: 'degraded', note: '' }));
    let applied = true;
    act(() => {
      applied = result.current.saved(sent, { version: 5, value: { status: 'down', note: '' } });
    });
    expect(applied).toBe(false);
    expect(result.current.draft).toEqual({ status: 'degraded', note: '' });
  });

  it('follows the value at once after a save with no version to wait for', () => {
    const { result } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'down', note: '' }));
    const sent = result.current.mark();
    act(() => void result.current.saved(sent));
    expect(result.current.draft).toEqual({ status: 'ok', note: '' });
    expect(result.current.editing).toBe(false);
  });

  it('goes back to the value now on cancel', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'degraded', note: '' }));
    rerender({ value: { status: 'down', note: '' }, version: 5, draftOf });
    act(() => result.current.cancel());
    expect(result.current.draft).toEqual({ status: 'down', note: '' });
    expect(result.current.version).toBe(5);
    expect(result.current.meanwhile).toBeNull();
  });

  it('keeps the draft against the value now once the person acknowledges the change', () => {
    const { result, rerender } = render({ status: 'ok', note: '' }, 4);
    act(() => result.current.edit({ status: 'degraded', note: '' }));
    rerender({ value: { status: 'down', note: '' }, version: 5, draftOf });
    act(() => result.current.acknowledge());
    expect(result.current.draft).toEqual({ status: 'degraded', note: '' });
    expect(result.current.version).toBe(5);
    expect(result.current.meanwhile).toBeNull();
  });

  it('edits from the start a value it was opened on, and reports a change since', () => {
    const opened = { value: { status: 'ok', note: '' }, version: 4 };
    const { result, rerender } = render(opened.value, 4, { opened });
    expect(result.current.editing).toBe(true);
    rerender({ value: { status: 'down', note: '' }, version: 5, draftOf, opened });
    expect(result.current.draft).toEqual({ status: 'ok', note: '' });
    expect(result.current.meanwhile).toEqual({});
  });
});
