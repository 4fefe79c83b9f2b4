/**
 * The collect-data form's English strings. Apart from en.ts so they load with the panel, not
 * with the launcher (the first script is close to its size budget). Worded as the server words them.
 */
export const enForm = {
  required: (label: string): string => `Please fill in ${label}.`,
  email: (label: string): string => `${label} must be an email address, like name@example.com.`,
  number: (label: string): string => `${label} must be a number.`,
} as const;
