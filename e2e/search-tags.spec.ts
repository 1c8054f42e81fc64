/**
 * Time and description: capture date and camera kept at ingest and shown in the info panels, captions
 * and tags, ranked search by tag and caption, tag chips as filters, and the timeline's month headers.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { E2E } from './fixtures/env';
import { photo, uploadByApi } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

/** A word no other test's data contains, so searches and filters see only this test's images. */
const word = (prefix: string) => `${prefix}${randomBytes(4).toString('hex')}`;

/** A JPEG as a camera writes it: date with offset, camera and lens, exposure, GPS and a serial number. */
async function cameraPhoto(taken: string, offset: string): Promise<Buffer> {
  return sharp(await photo(900, 600))
    .withExif({
      IFD0: { Make: 'Canon', Model: 'Canon EOS R5' },
      IFD2: {
        DateTimeOriginal: taken,
        OffsetTimeOriginal: offset,
        ExposureTime: '1/250',
        FNumber: '4/1',
        ISOSpeedRatings: '200',
        FocalLength: '35/1',
        LensModel: 'RF35mm F1.8',
        BodySerialNumber: 'SERIAL-E2E-1',
      },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 31/1 0/1' },
    })
    .jpeg()
    .toBuffer();
}

test('caption and tags, search by tag and by caption, tag chips, timeline months, info panels', async ({
  page,
  request,
}) => {
  const tag = word('tag');
  const captionWord = word('cap');
  const july = await uploadByApi(request, 'boats-july.jpg', await cameraPhoto('2019:07:14 18:05:00', '+02:00'));
  const march = await uploadByApi(request, 'boats-march.jpg', await cameraPhoto('2019:03:02 09:00:00', '-05:00'));
  const undated = await uploadByApi(request, 'boats-undated.jpg', await photo(600, 600));
  // Two of them get the tag by API; the first through the page below.
  for (const { id } of [march, undated]) {
    const res = await request.patch(`/api/images/${id}`, { data: { tags: [tag] } });
    expect(res.status()).toBe(200);
  }

  // The stored original kept date and camera, lost location and serial (the extension, through the app).
  const detail = await (await request.get(`/api/images/${july.id}`)).json();
  expect(detail.capture).toMatchObject({ takenAt: '2019-07-14T18:05:00', offset: '+02:00', model: 'Canon EOS R5' });

  await page.goto(`/images/${july.id}`);
  const info = page.getByLabel('Image info');
  await expect(info.getByText('Canon EOS R5')).toBeVisible({ timeout: 60_000 }); // first load of a busy build
  await expect(info.getByText('Jul 14, 2019, 6:05 PM (UTC+02:00)')).toBeVisible();
  await expect(info.getByText('1/250 s · f/4 · ISO 200 · 35 mm')).toBeVisible();
  await expect(info.getByText('RF35mm F1.8')).toBeVisible();

  await page.getByRole('button', { name: 'Add caption and tags' }).click();
  await page.getByLabel('Caption', { exact: true }).fill(`Fishing boats at ${captionWord} <b>dusk</b>`);
  await page.getByLabel('Tags', { exact: true }).fill(`#${tag.toUpperCase()}, harbour`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`Fishing boats at ${captionWord} <b>dusk</b>`)).toBeVisible(); // text, never markup
  const chips = page.getByRole('list', { name: 'Tags' });
  await expect(chips.getByRole('link')).toHaveText([`#${tag}`, '#harbour']);

  // Bad tags are refused with a sentence, and nothing is saved.
  await page.getByRole('button', { name: 'Edit caption and tags' }).click();
  await page.getByLabel('Tags', { exact: true }).fill('ok, no"quotes');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'letters, digits' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Search by caption: only that image; by tag: all three, the one with the tag in its title/tags first.
  await page.goto('/');
  const tiles = page.getByTestId('gallery-tile');
  const search = page.getByRole('searchbox');
  await search.fill(captionWord);
  await expect(tiles).toHaveCount(1);
  await expect(tiles.first()).toHaveAttribute('data-image-id', july.id);
  await search.fill(`"${tag}" OR`); // quotes and operators are only text: "or" is a word that is not there
  await expect(page.getByRole('heading', { name: /No images match/ })).toBeVisible();
  await search.fill(tag);
  await expect(tiles).toHaveCount(3);

  // A tag chip on the image page opens the gallery filtered by it; the toolbar shows the chip pressed.
  await search.fill('');
  await page.goto(`/images/${july.id}`);
  await page
    .getByRole('list', { name: 'Tags' })
    .getByRole('link', { name: `#${tag}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`[?&]tag=${tag}`));
  await expect(page.getByRole('button', { name: `#${tag}` })).toHaveAttribute('aria-pressed', 'true');
  await expect(tiles).toHaveCount(3);

  // The timeline: newest taken first; the undated image sits at its upload month.
  await page.getByText('Date taken', { exact: true }).click();
  await expect(page).toHaveURL(/sort=taken/);
  const months = page.getByRole('heading', { level: 2 });
  const uploadMonth = new Date().toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  await expect(months).toHaveText([uploadMonth, 'July 2019', 'March 2019']);
  await expect(page.getByRole('region', { name: 'March 2019' }).getByTestId('gallery-tile')).toHaveAttribute(
    'data-image-id',
    march.id,
  );

  // The lightbox's info panel.
  await page.getByRole('region', { name: 'July 2019' }).getByTestId('gallery-tile').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Info' }).click();
  await expect(dialog.getByLabel('Image info').getByText('Canon EOS R5')).toBeVisible();
  await expect(dialog.getByText(`Fishing boats at ${captionWord}`)).toBeVisible();
  await page.keyboard.press('Escape');

  // Clearing the chip brings back the whole gallery (more than these three).
  await page.getByRole('button', { name: `#${tag}` }).click();
  await expect(page).not.toHaveURL(/tag=/);
});

test('a viewer sees caption and tags but cannot change them', async ({ browser, request }) => {
  const { id } = await uploadByApi(request, 'viewer-tags.jpg', await photo(400, 300));
  const tag = word('vt');
  expect((await request.patch(`/api/images/${id}`, { data: { caption: 'Seen by all', tags: [tag] } })).status()).toBe(
    200,
  );
  const context = await browser.newContext({ storageState: E2E.storage('viewer') });
  const page = await context.newPage();
  await page.goto(`/images/${id}`);
  await expect(page.getByText('Seen by all')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: `#${tag}` })).toBeVisible();
  await expect(page.getByRole('button', { name: /caption and tags/ })).toHaveCount(0);
  expect((await page.request.patch(`/api/images/${id}`, { data: { caption: 'mine now' } })).status()).toBe(403);
  await context.close();
});
