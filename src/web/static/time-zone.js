// Tell the server the reader's time zone, so times read "tomorrow 08:43" in local time.
try {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !document.cookie.includes(`sspr_tz=${encodeURIComponent(zone)}`)) {
    document.cookie = `sspr_tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; SameSite=Lax`;
  }
} catch {}
