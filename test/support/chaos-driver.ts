/**
 * The chaos run's client of SkyTwin's API: it creates and connects the users, and approves what
 * waits for approval. The API may be dead when a call is made, so every call may answer null (no
 * answer), and the caller decides whether to try again.
 */
export class ChaosDriver {
  /** Approvals the API confirmed as approved (answered 200). */
  readonly approved = new Set<string>();
  /** Of those, the ones approved just before the API was killed. */
  readonly approvedBeforeKill = new Set<string>();
  /** Approve calls with no answer: the approval may or may not have been recorded. */
  unanswered = 0;

  constructor(
    private readonly url: string,
    private readonly token: () => string,
  ) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> } | null> {
    try {
      const response = await fetch(`${this.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.token()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    } catch {
      return null;
    }
  }

  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const answer = await this.call(method, path, body);
    if (answer === null || answer.status >= 300) throw new Error(`${method} ${path} answered ${answer === null ? 'nothing' : `${answer.status}: ${JSON.stringify(answer.body)}`}`);
    return answer.body;
  }

  /** The ids of the user's pending approvals (one page of up to 200), or null when the API is down. */
  async pending(userId: string): Promise<string[] | null> {
    const answer = await this.call('GET', `/api/users/${userId}/approvals?status=pending&limit=200`);
    if (answer === null || answer.status !== 200) return null;
    return (answer.body.approvals as { id: string }[]).map((approval) => approval.id);
  }

  /** Approves each id; returns those the API confirmed. A 409 (answered already) is not an error. */
  async approve(ids: readonly string[], beforeKill = false): Promise<string[]> {
    const confirmed: string[] = [];
    for (const id of ids) {
      const answer = await this.call('POST', `/api/approvals/${id}/approve`);
      if (answer === null || answer.status >= 500) {
        this.unanswered += 1;
        continue;
      }
      if (answer.status === 200) {
        confirmed.push(id);
        this.approved.add(id);
        if (beforeKill) this.approvedBeforeKill.add(id);
      } else if (answer.status !== 409) {
        throw new Error(`approving ${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    }
    return confirmed;
  }

  /** Every decision of the user (id, externalId, outcome), following the pages; null when the API is down. */
  async decisions(userId: string): Promise<{ id: string; externalId: string; outcome: string }[] | null> {
    const all: { id: string; externalId: string; outcome: string }[] = [];
    let cursor: string | null = null;
    do {
      const answer = await this.call('GET', `/api/users/${userId}/decisions?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      if (answer === null || answer.status !== 200) return null;
      all.push(...(answer.body.decisions as { id: string; externalId: string; outcome: string }[]));
      cursor = (answer.body.nextCursor as string | null) ?? null;
    } while (cursor !== null);
    return all;
  }
}
