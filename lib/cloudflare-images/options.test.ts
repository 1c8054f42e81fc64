import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, isFlexibleSegment, OptionError, parseFlexibleOptions } from './options';
import { planSize } from './sizing';

describe('flexible option parsing', () => {
  it('reads aliases, named qualities, gravity forms and ignores unknown options', () => {
    const o = parseFlexibleOptions(
      'w=400,h=300,fit=cover,q=high,f=webp,g=0.25x0.75,dpr=2,blur=5,sharpen=1.5,rotate=90,flip=hv,background=%23ff0000,metadata=keep,anim=false,trim=1;2;3;4,zoom=0.5,whatever=x',
    );
    expect(o).toMatchObject({
      width: 400,
      height: 300,
      fit: 'cover',
      quality: 90,
      format: 'webp',
      gravity: { kind: 'point', x: 0.25, y: 0.75 },
      dpr: 2,
      blur: 5,
      sharpen: 1.5,
      rotate: 90,
      flip: 'hv',
      background: '#ff0000',
      metadata: 'keep',
      anim: false,
      trim: [1, 2, 3, 4],
    });
    expect(parseFlexibleOptions('gravity=face').gravity).toEqual({ kind: 'auto' });
    expect(parseFlexibleOptions('g=left').gravity).toEqual({ kind: 'side', side: 'left' });
    expect(parseFlexibleOptions('width=10').width).toBe(10);
  });

  it('refuses bad values with a message that names the option', () => {
    const cases = [
      'w=0',
      'w=12001',
      'w=ten',
      'h=-1',
      'fit=stretch',
      'q=0',
      'q=best',
      'f=tiff',
      'dpr=0',
      'dpr=4',
      'blur=251',
      'sharpen=11',
      'rotate=45',
      'flip=x',
      'background=javascript:1',
      'metadata=all',
      'anim=maybe',
      'trim=1;2',
      'gravity=2x2',
      'noequals',
      '',
    ];
    for (const c of cases) {
      expect(() => parseFlexibleOptions(c), c).toThrow(OptionError);
    }
    expect(() => parseFlexibleOptions('w=abc')).toThrow(/Option w|width=abc/);
  });

  it('tells option lists from variant names', () => {
    expect(isFlexibleSegment('w=100')).toBe(true);
    expect(isFlexibleSegment('thumbnail')).toBe(false);
  });
});

describe('output size planning', () => {
  const plan = (w: number, h: number, opts: string) => planSize(w, h, parseFlexibleOptions(opts));
  it('follows Cloudflare fit semantics', () => {
    expect(plan(4000, 3000, 'w=400,h=400')).toEqual({ width: 400, height: 300 }); // scale-down
    expect(plan(200, 100, 'w=400,h=400')).toEqual({ width: 200, height: 100 }); // never enlarges
    expect(plan(200, 100, 'w=400,h=400,fit=contain')).toEqual({ width: 400, height: 200 });
    expect(plan(4000, 3000, 'w=400,h=400,fit=cover')).toEqual({ width: 400, height: 400 });
    expect(plan(200, 100, 'w=400,h=400,fit=crop')).toEqual({ width: 200, height: 100 }); // smaller: like scale-down
    expect(plan(4000, 3000, 'w=400,h=400,fit=crop')).toEqual({ width: 400, height: 400 });
    expect(plan(4000, 3000, 'w=400,h=400,fit=pad')).toEqual({ width: 400, height: 400 });
    expect(plan(4000, 3000, 'w=400,h=100,fit=squeeze')).toEqual({ width: 400, height: 100 });
    expect(plan(4000, 3000, 'h=300')).toEqual({ width: 400, height: 300 });
  });
  it('applies dpr, rotation and trim before sizing', () => {
    expect(plan(4000, 3000, 'w=400,dpr=2')).toEqual({ width: 800, height: 600 });
    expect(plan(4000, 3000, 'w=300,rotate=90')).toEqual({ width: 300, height: 400 });
    expect(plan(1000, 1000, 'trim=100;0;100;0')).toEqual({ width: 1000, height: 800 });
    expect(planSize(10, 10, DEFAULT_OPTIONS)).toEqual({ width: 10, height: 10 });
  });
});
