package app.conversa.shared;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One page of a keyset-paginated list, newest first. Pass {@code nextCursor} back as
 * {@code before} for the next page; it is null on the last page.
 */
public record CursorPage<T>(List<T> items, @Schema(nullable = true) String nextCursor) {

    /** Builds a page from {@code size + 1} fetched rows: the extra row only tells that more exist. */
    public static <R, T> CursorPage<T> of(List<R> rows, int size, ToLongFunction<R> key, Function<R, T> mapper) {
        boolean more = rows.size() > size;
        var page = more ? rows.subList(0, size) : rows;
        String next = more ? Long.toString(key.applyAsLong(page.getLast())) : null;
        return new CursorPage<>(page.stream().map(mapper).toList(), next);
    }
}
