// Ctrl+K / ⌘K: go to any view, search Activity for what was typed, or open the keys. Arrow keys
// choose, Enter runs, Escape closes; focus returns where it was.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { navigate, requestSearchFocus } from '../router.js';
import { NAV } from '../routes.js';

interface Command {
  id: string;
  label: string;
  run: () => void;
}

export function CommandBar({ owner, onClose, onHelp }: { owner: boolean; onClose: () => void; onHelp: () => void }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => before?.focus?.();
  }, []);
  const commands = useMemo<Command[]>(() => {
    const query = text.trim();
    const views = NAV.filter((entry) => entry.view !== 'users' || owner).map((entry) => ({ id: entry.path, label: `Go to ${entry.label}`, run: () => navigate(entry.path) }));
    const all: Command[] = [
      ...views,
      { id: 'undo-today', label: 'Undo everything SkyTwin did today…', run: () => navigate('/activity') },
      { id: 'help', label: 'Show the keyboard shortcuts', run: onHelp },
    ];
    const matches = all.filter((command) => command.label.toLowerCase().includes(query.toLowerCase()));
    if (!query) return matches;
    const search: Command = {
      id: 'search',
      label: `Search Activity for “${query}”`,
      run: () => {
        requestSearchFocus();
        navigate(`/activity?q=${encodeURIComponent(query)}`);
      },
    };
    return [...matches, search];
  }, [text, owner, onHelp]);
  const run = (command: Command | undefined) => {
    if (!command) return;
    onClose();
    command.run();
  };
  return (
    <div class="overlay" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <section class="dialog command-bar" role="dialog" aria-modal="true" aria-label="Command bar">
        <label class="block">
          <span>Go to, search or run</span>
          <input
            ref={input}
            type="text"
            role="combobox"
            aria-expanded="true"
            aria-controls="command-list"
            aria-activedescendant={commands[active] ? `command-${active}` : undefined}
            value={text}
            onInput={(event) => {
              setText((event.currentTarget as HTMLInputElement).value);
              setActive(0);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') setActive((at) => Math.min(commands.length - 1, at + 1));
              else if (event.key === 'ArrowUp') setActive((at) => Math.max(0, at - 1));
              else if (event.key === 'Enter') run(commands[active]);
              else if (event.key === 'Escape') onClose();
              else return;
              event.preventDefault();
              event.stopPropagation();
            }}
          />
        </label>
        <ul id="command-list" role="listbox" aria-label="Commands" class="commands">
          {commands.map((command, index) => (
            <li key={command.id} id={`command-${index}`} role="option" aria-selected={index === active} class={index === active ? 'active' : ''} onClick={() => run(command)}>
              {command.label}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
