/** How the offline banner says when its copy was saved (the browser test formats the stamp the same way). */
export const SAVED_AT_FORMAT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };
