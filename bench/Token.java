import org.aicenter.platform.tokens.LocalTokenIssuer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Prints one bearer token per role given, signed by the LocalTokenIssuer of platform-tokens with the
 * local-only key pair in KEY_FOLDER (made there when missing), valid for 12 hours.
 * Run as a single source file: java -cp "local/target/lib/*" bench/Token.java KEY_FOLDER ROLE...
 */
public class Token {

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: java -cp local/target/lib/* bench/Token.java KEY_FOLDER ROLE...");
            System.exit(2);
        }
        LocalTokenIssuer issuer = LocalTokenIssuer.inFolder(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            System.out.println(issuer.token("bench-" + args[i], List.of(args[i]), Duration.ofHours(12)));
        }
    }
}
