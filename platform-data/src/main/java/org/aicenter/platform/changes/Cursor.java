package org.aicenter.platform.changes;

import org.aicenter.platform.web.Params;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A place in a change feed: the transaction id and outbox position of the last event read. Opaque
 * to clients (base64url of {@code xid.position}); anything else is a 400 naming {@code after}.
 */
record Cursor(long xid, long position) implements Comparable<Cursor> {

    static final Cursor ORIGIN = new Cursor(0, 0);
    private static final Pattern PLAIN = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})");

    static Cursor parse(String text) {
        if (text.length() > 60) {
            throw malformed();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed();
        }
        var match = PLAIN.matcher(plain);
        if (!match.matches()) {
            throw malformed();
        }
        return new Cursor(Long.parseLong(match.group(1)), Long.parseLong(match.group(2)));
    }

    String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((xid + "." + position).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int compareTo(Cursor other) {
        int byXid = Long.compare(xid, other.xid);
        return byXid != 0 ? byXid : Long.compare(position, other.position);
    }

    static Cursor max(Cursor a, Cursor b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static RuntimeException malformed() {
        return Params.bad("after", "not a cursor of this feed: pass the `next` of an earlier answer, `now`, or nothing");
    }
}
