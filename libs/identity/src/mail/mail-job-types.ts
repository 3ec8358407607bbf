/** E-mail about inbox items: one send job per delivery (jobId = delivery id), the digest planner, the mail sweep. */
export const MAIL_QUEUE = 'mail';

declare module '@ambidex/platform' {
  interface JobTypes {
    'send-mail': { queue: 'mail'; data: { deliveryId: string } };
    'plan-digests': { queue: 'mail'; data: Record<string, never> };
    'sweep-mail': { queue: 'mail'; data: Record<string, never> };
  }
}
