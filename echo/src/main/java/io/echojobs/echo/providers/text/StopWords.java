package io.echojobs.echo.providers.text;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Function words per language, which say nothing about what a conversation is about: the extractive
 * summary does not count them. English, Dutch and German have lists; for any other language all
 * lists are used together, which errs towards ignoring a few content words.
 */
final class StopWords {

  private static final Set<String> ENGLISH =
      words(
          """
          a about above after again against all also am an and any are as at be because been
          before being below between both but by can could did do does doing down during each
          even few for from further had has have having he her here hers herself him himself
          his how i if in into is it its itself just let like me more most much my myself no
          nor not now of off oh ok okay on once only or other our ours ourselves out over own
          really right same she should so some such than that the their theirs them themselves
          then there these they this those through to too under until up us very was we well
          were what when where which while who whom why will with would yeah yes you your yours
          yourself yourselves i'm it's don't that's we're they're you're there's can't
          """);

  private static final Set<String> DUTCH =
      words(
          """
          aan al alles als altijd ander andere ben bij daar dan dat de der deze die dit doch
          doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier
          hij hoe hun iemand iets ik in is ja je jij jou jouw kan kon kunnen maar me meer men
          met mij mijn moet na naar niet niets nog nu of om omdat ons ook op over reeds te tegen
          toch toen tot u uit uw van veel voor want waren was wat we wel werd wezen wie wij wil
          worden wordt zal ze zei zelf zich zij zijn zo zonder zou echt even gewoon heel nou oké
          dus eigenlijk misschien daarom hebt hè
          """);

  private static final Set<String> GERMAN =
      words(
          """
          aber alle als also am an auch auf aus bei bin bis bist da damit dann das dass dein
          dem den der des die dies diese doch dort du durch ein eine einem einen einer er es
          etwas für hab habe haben hat hatte ich ihr im in ist ja jetzt kann kein keine mal man
          mein mich mir mit muss nach nicht noch nur ob oder schon sehr sein sich sie sind so
          und uns unser von vor war was wenn wer wie wir wird zu zum zur
          """);

  private static final Map<String, Set<String>> BY_LANGUAGE =
      Map.of("en", ENGLISH, "nl", DUTCH, "de", GERMAN);
  private static final Set<String> ALL = union();

  private StopWords() {}

  /** The stop words for an ISO 639-1 code (region suffixes such as {@code en-GB} ignored). */
  static Set<String> forLanguage(String language) {
    String code = language.strip().toLowerCase(Locale.ROOT);
    int dash = code.indexOf('-') >= 0 ? code.indexOf('-') : code.indexOf('_');
    if (dash > 0) {
      code = code.substring(0, dash);
    }
    return BY_LANGUAGE.getOrDefault(code, ALL);
  }

  private static Set<String> words(String list) {
    return Set.copyOf(Arrays.asList(list.strip().split("\\s+")));
  }

  private static Set<String> union() {
    Set<String> all = new HashSet<>();
    BY_LANGUAGE.values().forEach(all::addAll);
    return Set.copyOf(all);
  }
}
