import { expect, signIn, test } from './fixtures';
test('shot', async ({ page }) => {
  await signIn(page);
  await page.keyboard.press('Control+6');
  await expect(page.getByTestId('calendar-date')).toBeVisible();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/cal-day.png' });
  await page.getByRole('button', { name: 'Tuần', exact: true }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/cal-week.png' });
});
