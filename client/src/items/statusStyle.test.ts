import { describe, expect, it } from 'vitest';
import { itemKinds } from '@vigie/shared';
import { statusStyles } from './statusStyle.ts';

describe('status styles', () => {
  it.each(itemKinds)('give every %s status its own icon, so each reads in greyscale too', (kind) => {
    const icons = Object.values(statusStyles[kind] as Record<string, readonly [string, string]>).map(
      ([, icon]) => icon,
    );
    expect(new Set(icons).size).toBe(icons.length);
  });
});
