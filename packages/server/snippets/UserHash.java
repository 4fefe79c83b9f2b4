// Java: the user_hash for the Messenger, computed on your server (never in the browser).
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public final class UserHash {
    /** Hashes userId when there is one (it wins over email), else email. */
    public static String userHash(String secret, String userId, String email) throws Exception {
        String identifier = userId != null ? userId : email;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8))) hex.append(String.format("%02x", b));
        return hex.toString();
    }

    // java UserHash.java <secret> <user_id> [email]
    public static void main(String[] args) throws Exception {
        String userId = args[1].isEmpty() ? null : args[1];
        System.out.println(userHash(args[0], userId, args.length > 2 ? args[2] : null));
    }
}
