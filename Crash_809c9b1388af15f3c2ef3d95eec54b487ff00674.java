import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_809c9b1388af15f3c2ef3d95eec54b487ff00674 {
    static final String base64Bytes = String.join("", "UEsDBBQAAAAAAAAAIQDa3lIeyAAAAMgAAAAFAAAAWC5ucHmTTlVNUFkBAHYAeydkZXNjcic6ICc8ZjknLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMywgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgAAAAAAAAAAAAAAAAAA8D8AAAAAAAAAQAAAAAAAAAhAAAAAAAAAEEAAAAAAAAAUQAAAAAAAABhAAAAAAAAAHEAAAAAAAAAgQFBLAwQUAAAAAAAAACEAikc3qJgAAACYAAAABQAAAHkubnB5k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAEAAAMAAAAAAAAAAAAAAABQSwECFAMUAAAAAAAAACEA2t5SHsgAAADIAAAABQAAAAAAAAAAAAAAgAEAAAAAWC5ucHlQSwECFAMUAAAAAAAAACEAikc3qJgAAACYAAABBQAAAAAAAAACAAAAAAAAAAAAeQpucHlQSwUGAAAAAAIAAgBmAAAApgEAAAAA");

    public static void main(String[] args) throws Throwable {
        Crash_809c9b1388af15f3c2ef3d95eec54b487ff00674.class.getClassLoader().setDefaultAssertionStatus(true);
        try {
            Method fuzzerInitialize = dev.basin.fuzz.ReaderTargets$DataTarget.class.getMethod("fuzzerInitialize");
            fuzzerInitialize.invoke(null);
        } catch (NoSuchMethodException ignored) {
            try {
                Method fuzzerInitialize = dev.basin.fuzz.ReaderTargets$DataTarget.class.getMethod("fuzzerInitialize", String[].class);
                fuzzerInitialize.invoke(null, (Object) args);
            } catch (NoSuchMethodException ignored1) {
            } catch (IllegalAccessException | InvocationTargetException e) {
                e.printStackTrace();
                System.exit(1);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            e.printStackTrace();
            System.exit(1);
        }
        byte[] input = java.util.Base64.getDecoder().decode(base64Bytes);
        dev.basin.fuzz.ReaderTargets$DataTarget.fuzzerTestOneInput(input);
    }
}