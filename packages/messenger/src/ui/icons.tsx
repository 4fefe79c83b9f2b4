/** Inline icons: decorative (aria-hidden), sized by CSS, coloured with currentColor. */
export const iconProps = {
  viewBox: "0 0 24 24",
  "aria-hidden": "true",
  focusable: "false",
  fill: "none",
  stroke: "currentColor",
  "stroke-width": "2",
  "stroke-linecap": "round",
  "stroke-linejoin": "round",
} as const;

export function ChatIcon() {
  return (
    <svg {...iconProps} fill="currentColor" stroke="none">
      <path d="M12 3C6.9 3 3 6.6 3 11c0 2.3 1.1 4.4 2.9 5.9L5 21l4.3-2.3c.9.2 1.8.3 2.7.3 5.1 0 9-3.6 9-8s-3.9-8-9-8Z" />
    </svg>
  );
}

export function ChevronDownIcon() {
  return (
    <svg {...iconProps}>
      <path d="m6 9 6 6 6-6" />
    </svg>
  );
}
