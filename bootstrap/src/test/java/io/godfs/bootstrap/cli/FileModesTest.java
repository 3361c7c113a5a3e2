package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * chmod's MODE as chmod(1) reads it. The table is what GNU chmod 9 made of each MODE and start mode
 * on a file ({@code f}) and a directory ({@code d}) with umask 0 (a clause without [ugoa] works as
 * a here, as with that umask); directories only from modes without setuid/setgid, which GNU keeps
 * on directories unless a MODE names them.
 */
class FileModesTest {
  static final String GNU =
      """
          f u+x 0644>0744 0750>0750 2755>2755 0600>0700 4711>4711 1777>1777 0000>0100
          d u+x 0644>0744 0750>0750 0600>0700 0000>0100
          f g-w 0644>0644 0750>0750 2755>2755 0600>0600 4711>4711 1777>1757 0000>0000
          d g-w 0644>0644 0750>0750 0600>0600 0000>0000
          f o=r 0644>0644 0750>0754 2755>2754 0600>0604 4711>4714 1777>0774 0000>0004
          d o=r 0644>0644 0750>0754 0600>0604 0000>0004
          f a+rX 0644>0644 0750>0755 2755>2755 0600>0644 4711>4755 1777>1777 0000>0444
          d a+rX 0644>0755 0750>0755 0600>0755 0000>0555
          f u+x,g-w,o=r 0644>0744 0750>0754 2755>2754 0600>0704 4711>4714 1777>0754 0000>0104
          d u+x,g-w,o=r 0644>0744 0750>0754 0600>0704 0000>0104
          f g=u 0644>0664 0750>0770 2755>0775 0600>0660 4711>4771 1777>1777 0000>0000
          d g=u 0644>0664 0750>0770 0600>0660 0000>0000
          f u=rwx,g=rx,o= 0644>0750 0750>0750 2755>0750 0600>0750 4711>0750 1777>0750 0000>0750
          d u=rwx,g=rx,o= 0644>0750 0750>0750 0600>0750 0000>0750
          f +t 0644>1644 0750>1750 2755>3755 0600>1600 4711>5711 1777>1777 0000>1000
          d +t 0644>1644 0750>1750 0600>1600 0000>1000
          f u+s 0644>4644 0750>4750 2755>6755 0600>4600 4711>4711 1777>5777 0000>4000
          d u+s 0644>4644 0750>4750 0600>4600 0000>4000
          f g+s 0644>2644 0750>2750 2755>2755 0600>2600 4711>6711 1777>3777 0000>2000
          d g+s 0644>2644 0750>2750 0600>2600 0000>2000
          f a-x 0644>0644 0750>0640 2755>2644 0600>0600 4711>4600 1777>1666 0000>0000
          d a-x 0644>0644 0750>0640 0600>0600 0000>0000
          f =755 0644>0755 0750>0755 2755>0755 0600>0755 4711>0755 1777>0755 0000>0755
          d =755 0644>0755 0750>0755 0600>0755 0000>0755
          f +4000 0644>4644 0750>4750 2755>6755 0600>4600 4711>4711 1777>5777 0000>4000
          d +4000 0644>4644 0750>4750 0600>4600 0000>4000
          f ug+w 0644>0664 0750>0770 2755>2775 0600>0620 4711>4731 1777>1777 0000>0220
          d ug+w 0644>0664 0750>0770 0600>0620 0000>0220
          f o-rwx 0644>0640 0750>0750 2755>2750 0600>0600 4711>4710 1777>1770 0000>0000
          d o-rwx 0644>0640 0750>0750 0600>0600 0000>0000
          f a=rX 0644>0444 0750>0555 2755>0555 0600>0444 4711>0555 1777>0555 0000>0444
          d a=rX 0644>0555 0750>0555 0600>0555 0000>0555
          f u-s 0644>0644 0750>0750 2755>2755 0600>0600 4711>0711 1777>1777 0000>0000
          d u-s 0644>0644 0750>0750 0600>0600 0000>0000
          f go= 0644>0600 0750>0700 2755>0700 0600>0600 4711>4700 1777>0700 0000>0000
          d go= 0644>0600 0750>0700 0600>0600 0000>0000
          f u=g 0644>0444 0750>0550 2755>2555 0600>0000 4711>0111 1777>1777 0000>0000
          d u=g 0644>0444 0750>0550 0600>0000 0000>0000
          f a+X 0644>0644 0750>0751 2755>2755 0600>0600 4711>4711 1777>1777 0000>0000
          d a+X 0644>0755 0750>0751 0600>0711 0000>0111
          f +X 0644>0644 0750>0751 2755>2755 0600>0600 4711>4711 1777>1777 0000>0000
          d +X 0644>0755 0750>0751 0600>0711 0000>0111
          f -w 0644>0444 0750>0550 2755>2555 0600>0400 4711>4511 1777>1555 0000>0000
          d -w 0644>0444 0750>0550 0600>0400 0000>0000
          f u+rw-x 0644>0644 0750>0650 2755>2655 0600>0600 4711>4611 1777>1677 0000>0600
          d u+rw-x 0644>0644 0750>0650 0600>0600 0000>0600
          f o+t-t 0644>0644 0750>0750 2755>2755 0600>0600 4711>4711 1777>0777 0000>0000
          d o+t-t 0644>0644 0750>0750 0600>0600 0000>0000
          f a= 0644>0000 0750>0000 2755>0000 0600>0000 4711>0000 1777>0000 0000>0000
          d a= 0644>0000 0750>0000 0600>0000 0000>0000
          f g+X 0644>0644 0750>0750 2755>2755 0600>0600 4711>4711 1777>1777 0000>0000
          d g+X 0644>0654 0750>0750 0600>0610 0000>0010
          f o=u 0644>0646 0750>0757 2755>2757 0600>0606 4711>4717 1777>0777 0000>0000
          d o=u 0644>0646 0750>0757 0600>0606 0000>0000
          f u-x,a+X 0644>0644 0750>0751 2755>2755 0600>0600 4711>4711 1777>1777 0000>0000
          d u-x,a+X 0644>0755 0750>0751 0600>0711 0000>0111
      """;

  @Test
  void symbolicAndOctalModesDoWhatGnuChmodDoes() {
    int checked = 0;
    for (String row : GNU.strip().split("\\n")) {
      String[] parts = row.strip().split(" ");
      boolean directory = parts[0].equals("d");
      FileModes.Change change = FileModes.parse(parts[1]);
      for (int i = 2; i < parts.length; i++) {
        String[] fromTo = parts[i].split(">");
        int from = Integer.parseInt(fromTo[0], 8);
        assertThat(FileModes.octal(change.apply(from, directory)))
            .as("chmod %s on %s %s", parts[1], parts[0], fromTo[0])
            .isEqualTo(fromTo[1]);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(300);
  }

  @Test
  void octalSetsAllTwelveBits() {
    assertThat(FileModes.parse("750")).isEqualTo(new FileModes.Absolute(0750));
    assertThat(FileModes.parse("0750")).isEqualTo(new FileModes.Absolute(0750));
    assertThat(FileModes.parse("4755")).isEqualTo(new FileModes.Absolute(04755));
    assertThat(FileModes.parse("7").apply(07777, true)).isEqualTo(07);
    assertThat(FileModes.parse("0").needsCurrent()).isFalse();
    assertThat(FileModes.parse("u+x").needsCurrent()).isTrue();
  }

  @Test
  void aBadModeSaysWhatIsWrong() {
    assertThatThrownBy(() -> FileModes.parse("17777")).hasMessageContaining("more than 07777");
    assertThatThrownBy(() -> FileModes.parse("u+q"))
        .hasMessage("'u+q': 'q' is not a permission (expected: r w x X s t, or one of u g o)");
    assertThatThrownBy(() -> FileModes.parse("ux")).hasMessageContaining("'x' is not an operator");
    assertThatThrownBy(() -> FileModes.parse("u")).hasMessageContaining("has no operator");
    assertThatThrownBy(() -> FileModes.parse("")).hasMessageContaining("has no operator");
    assertThatThrownBy(() -> FileModes.parse("u+x,")).hasMessageContaining("has no operator");
    assertThatThrownBy(() -> FileModes.parse("u=755")).hasMessageContaining("takes no [ugoa]");
  }

  @Test
  void permissionsAreAsLsPrintsThem() {
    assertThat(FileModes.permissions(0755)).isEqualTo("rwxr-xr-x");
    assertThat(FileModes.permissions(07777)).isEqualTo("rwsrwsrwt");
    assertThat(FileModes.permissions(07000)).isEqualTo("--S--S--T");
    assertThat(FileModes.permissions(02750)).isEqualTo("rwxr-s---");
    assertThat(FileModes.octal(0644)).isEqualTo("0644");
    assertThat(FileModes.octal(01777)).isEqualTo("1777");
  }
}
