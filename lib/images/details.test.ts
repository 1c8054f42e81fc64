import { describe, expect, it } from 'vitest';
import { jpeg } from '@/test/helpers/images';
import { describeOriginal } from './details';

const svg = (root: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" ${root}><rect/></svg>`);

describe('describeOriginal', () => {
  it('gives an SVG with one side and a viewBox the viewBox proportions, as the image service does', async () => {
    expect(await describeOriginal(svg('width="100" viewBox="0 0 200 100"'), 'image/svg+xml')).toEqual({
      width: 100,
      height: 50,
      placeholder: null,
    });
    expect(await describeOriginal(svg('viewBox="0 0 30 60"'), 'image/svg+xml')).toMatchObject({
      width: 30,
      height: 60,
    });
    expect(await describeOriginal(svg('width="10em"'), 'image/svg+xml')).toMatchObject({ width: 1, height: 1 });
  });

  it('reads a raster image’s size and makes a placeholder', async () => {
    const details = await describeOriginal(await jpeg(64, 32), 'image/jpeg');
    expect(details).toMatchObject({ width: 64, height: 32 });
    expect(details.placeholder).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});
