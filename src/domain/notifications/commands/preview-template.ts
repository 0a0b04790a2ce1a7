import type { Channel } from '../../../../contract/notifications.js';
import type { Case } from '../../cases/case.js';
import type { AppContext } from '../../context.js';
import { caseTemplateValues, htmlOf, renderTemplate, SAMPLE_VALUES } from '../render.js';

/** Renders a template being edited, with a case's values or sample ones, as it would go out. */
export async function previewTemplate(
  ctx: AppContext,
  input: { channel: Channel; subject?: string | undefined; body: string },
  c: Case | null,
): Promise<{ subject: string | null; text: string; html: string | null }> {
  const now = ctx.clock.now();
  const values = c
    ? await ctx.db
        .transaction()
        .execute((trx) => caseTemplateValues(trx, c, { publicUrl: ctx.config.publicUrl, now }))
    : SAMPLE_VALUES;
  const text = renderTemplate(input.body, values);
  return {
    subject:
      input.channel === 'email' && input.subject !== undefined ? renderTemplate(input.subject, values) : null,
    text,
    html: input.channel === 'email' ? htmlOf(text) : null,
  };
}
