import { describe, expect, it } from 'vitest';
import { imageUpdateSchema, listQuerySchema } from './api';
import { MAX_CAPTION_LENGTH, MAX_TAGS, tagSchema, tagsSchema } from './image-text';

describe('tags', () => {
  it('are normalised: trimmed, lower-case, leading # dropped, inner spaces as -, duplicates removed', () => {
    expect(tagsSchema.parse(['  Sunset ', '#Beach', 'sunset', 'New York', 'ÉTÉ', 'a_b-c', '東京'])).toEqual([
      'sunset',
      'beach',
      'new-york',
      'été',
      'a_b-c',
      '東京',
    ]);
  });

  it('refuse empty, too long, punctuation and too many, with a message a person understands', () => {
    expect(tagSchema.safeParse('   ').error?.issues[0]?.message).toBe('A tag cannot be empty.');
    expect(tagSchema.safeParse('x'.repeat(33)).error?.issues[0]?.message).toMatch(/at most 32/);
    for (const bad of ['a b"c', 'tag:x', '-lead', 'a*', '<b>', 'a.b', 'x,y']) {
      expect(tagSchema.safeParse(bad).success, bad).toBe(false);
    }
    const many = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`);
    expect(tagsSchema.safeParse(many).error?.issues[0]?.message).toMatch(/at most 20 tags/);
    // Duplicates do not count against the limit.
    expect(tagsSchema.parse([...many.slice(0, MAX_TAGS), 'T0'])).toHaveLength(MAX_TAGS);
  });

  it('refuse a huge raw list or a huge raw tag before normalising any of it', () => {
    // 10,000 copies of one tag would dedupe to one: the raw list is bounded before that work.
    expect(tagsSchema.safeParse(Array.from({ length: 10_000 }, () => 'a')).error?.issues[0]?.message).toMatch(
      /at most 20 tags/,
    );
    expect(tagsSchema.safeParse(['#'.repeat(100_000)]).error?.issues[0]?.message).toMatch(/at most 32 characters/);
  });

  it('caption and tags go through the image update; the tag filter follows the same rules', () => {
    expect(imageUpdateSchema.parse({ caption: '  At dusk ', tags: ['Harbour'] })).toEqual({
      caption: 'At dusk',
      tags: ['harbour'],
    });
    expect(imageUpdateSchema.safeParse({ caption: 'x'.repeat(MAX_CAPTION_LENGTH + 1) }).success).toBe(false);
    expect(imageUpdateSchema.safeParse({}).success).toBe(false);
    expect(listQuerySchema.parse({ tag: '#Harbour', sort: 'taken' })).toMatchObject({ tag: 'harbour', sort: 'taken' });
    expect(listQuerySchema.safeParse({ tag: 'a b"' }).success).toBe(false);
    expect(listQuerySchema.safeParse({ sort: 'random' }).success).toBe(false);
  });
});
