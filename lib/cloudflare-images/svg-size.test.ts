import { describe, expect, it } from 'vitest';
import { svgIntrinsicSize, svgRootAttributes } from './svg-size';

const size = (root: string) => svgIntrinsicSize(svgRootAttributes(root));

describe('SVG intrinsic size', () => {
  it('gives a missing side the viewBox aspect ratio', () => {
    expect(size('<svg width="100" viewBox="0 0 200 100">')).toEqual({ width: 100, height: 50 });
    expect(size('<svg height="30" viewBox="0 0 200 100">')).toEqual({ width: 60, height: 30 });
    expect(size('<svg viewBox="0 0 100 50" width="200">')).toEqual({ width: 200, height: 100 });
  });

  it('takes both attributes as they are, in px or unitless', () => {
    expect(size('<svg width="120px" height="80" viewBox="0 0 240 160">')).toEqual({ width: 120, height: 80 });
    expect(size("<svg width='4' height='3'>")).toEqual({ width: 4, height: 3 });
  });

  it('falls back to the viewBox when the attributes are absent or not in px', () => {
    expect(size('<svg viewBox="0 0 300 150">')).toEqual({ width: 300, height: 150 });
    expect(size('<svg viewBox="0,0,64.4,32" width="100%">')).toEqual({ width: 64, height: 32 });
    expect(size('<svg width="210mm" height="297mm" viewBox="0 0 210 297">')).toEqual({ width: 210, height: 297 });
  });

  it('says null for what cannot be known', () => {
    expect(size('<svg width="10em">')).toEqual({ width: null, height: null });
    expect(size('<svg width="1e999" height="-5">')).toEqual({ width: null, height: null });
    expect(size('<svg width="50" viewBox="0 0 0 10">')).toEqual({ width: 50, height: null });
    expect(size('<svg>')).toEqual({ width: null, height: null });
  });

  it('reads the root element only, not a data-width or a child', () => {
    expect(
      svgRootAttributes('<?xml version="1.0"?><svg data-width="9" viewBox="0 0 1 2"><rect width="5"/></svg>'),
    ).toEqual({ width: null, height: null, viewBox: '0 0 1 2' });
  });
});
