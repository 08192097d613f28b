/// <reference lib="dom" />
// The Tokens view: pick a seed user, get a token for them (shown in full,
// with its claims), copy it, or open the API docs acting as them.
import type { ConsoleUser } from '../console-types.ts';
import { copyText } from './clipboard.ts';
import type { ConsoleApi } from './console-api.ts';
import { byId, errorText, h, say } from './dom.ts';
import { describeClaims, tokenClaims } from './token-claims.ts';

export function createTokensView(api: ConsoleApi): { shown(): void } {
  const select = byId('token-user', HTMLSelectElement);
  const status = byId('token-status', HTMLElement);
  const result = byId('token-result', HTMLElement);
  const output = byId('token-output', HTMLTextAreaElement);
  const claims = byId('token-claims', HTMLElement);
  const docsLink = byId('docs-link', HTMLAnchorElement);
  const copyStatus = byId('token-copy-status', HTMLElement);
  let usersAsked = false;
  let minting = 0;

  byId('token-copy', HTMLButtonElement).addEventListener('click', async () => say(copyStatus, await copyText(output)));

  select.addEventListener('change', async () => {
    const mine = ++minting;
    result.hidden = true;
    say(copyStatus, '');
    const userId = Number(select.value);
    if (!select.value) return say(status, '');
    say(status, 'minting…');
    try {
      const token = await api.token(userId);
      if (mine !== minting) return;
      output.value = token;
      claims.textContent = describeClaims(tokenClaims(token) ?? {});
      docsLink.href = `/docs?user=${encodeURIComponent(String(userId))}`;
      result.dataset['userId'] = String(userId);
      result.hidden = false;
      say(status, `a token for user ${userId}`);
    } catch (error) {
      if (mine === minting) say(status, errorText(error), 'error');
    }
  });

  async function loadUsers(): Promise<void> {
    try {
      const seed: ConsoleUser[] = await api.users();
      select.append(...seed.map((user) => h('option', { attrs: { value: String(user.id) } }, `${user.id} ${user.role} – ${user.name}`)));
    } catch (error) {
      usersAsked = false;
      say(status, `cannot list the seed users: ${errorText(error)}`, 'error');
    }
  }

  return {
    shown() {
      if (usersAsked) return;
      usersAsked = true;
      void loadUsers();
    },
  };
}
