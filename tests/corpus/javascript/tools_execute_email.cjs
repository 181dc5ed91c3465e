// routes/demo-requests.cjs -- Typeform webhook for "book a demo"
const { Composio } = require('@composio/core');
const { z } = require('zod');

const composio = new Composio();

const DemoRequest = z.object({
  email: z.string().email(),
  name: z.string().min(1),
  calendarId: z.string().optional(),
  startsAt: z.string().datetime(),
});

/** A lead filled in the demo form: book it on the lead's own calendar. */
async function onDemoRequest(req, res) {
  const body = DemoRequest.parse(req.body);

  const booking = await composio.tools.execute('GOOGLECALENDAR_CREATE_EVENT', {
    userId: body.email, // [expect CS005]
    arguments: {
      calendar_id: body.calendarId || 'primary',
      summary: `Demo with ${body.name}`,
      start_datetime: body.startsAt,
      event_duration_minutes: 30,
    },
  });

  await sendConfirmation(req.salesRep, body);
  res.status(booking.successful ? 201 : 502).json({ ok: booking.successful });
}

/** Confirmation goes out from the sales rep's mailbox; the lead's email is just the recipient. */
async function sendConfirmation(rep, body) {
  return composio.tools.execute('GMAIL_SEND_EMAIL', {
    userId: rep.id,
    arguments: {
      recipient_email: body.email,
      subject: 'Your demo is booked',
      body: `Hi ${body.name}, see you on ${new Date(body.startsAt).toUTCString()}.`,
    },
  });
}

module.exports = { onDemoRequest, sendConfirmation };
