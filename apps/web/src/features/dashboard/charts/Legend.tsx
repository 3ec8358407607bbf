import { COLORS } from './palette';

/** The series names with their colour: swatches are tiny SVGs, since the policy allows no inline style. */
export function Legend({ items }: { items: readonly { name: string; color: string; outline?: boolean }[] }) {
  return (
    <ul className="legend">
      {items.map((item) => (
        <li key={item.name}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect
              x="0.5"
              y="0.5"
              width="11"
              height="11"
              rx="2"
              fill={item.outline === true ? COLORS.target : item.color}
              stroke={item.outline === true ? COLORS.targetLine : undefined}
              strokeDasharray={item.outline === true ? '3 2' : undefined}
            />
          </svg>
          {item.name}
        </li>
      ))}
    </ul>
  );
}
