import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { newWebhookSecret, signWebhookBody, verifyWebhookSignature, webhookUrlProblem } from './webhook-signature';

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of the raw body, prefixed sha256=', () => {
    const body = '{"id":"e1","type":"portfolio.stage-changed"}';
    expect(signWebhookBody('s3cret', body)).toBe(`sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`);
  });

  it('verifies its own signatures and nothing else', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (secret, body, other) => {
        expect(verifyWebhookSignature(secret, body, signWebhookBody(secret, body))).toBe(true);
        if (other !== body) expect(verifyWebhookSignature(secret, other, signWebhookBody(secret, body))).toBe(false);
      }),
    );
    expect(verifyWebhookSignature('s', 'b', undefined)).toBe(false);
  });

  it('makes distinct secrets', () => {
    expect(newWebhookSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newWebhookSecret()).not.toBe(newWebhookSecret());
  });

  it.each([
    ['https://hooks.example.com/ambidex', null],
    ['http://127.0.0.1:8080/hook', null],
    ['ftp://example.com/x', 'must use http or https'],
    ['javascript:alert(1)', 'must use http or https'],
    ['/relative', 'must be an absolute http(s) URL'],
    ['https://user:pw@example.com/', 'must not carry credentials; the payload is signed instead'],
  ])('checks the URL %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toBe(problem);
  });
});
