package org.encours.samples;

import java.util.SplittableRandom;

/**
 * Plausible company names by country and sector: "Dubois Bâtiment SARL", "Transports Leroy SAS",
 * "Martin, Petit et Associés", {@code Café "Le Moreau" SAS}, {@code Logistique "Perrin" SA}. About
 * 15 % contain a comma and 5 % double quotes, on purpose, so that every reader of the CSV files
 * meets RFC 4180 quoting. Names repeat; ids are the keys.
 */
final class CompanyNames {
  private CompanyNames() {}

  private static final String[][] SURNAMES = {
    { // FR
      "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
      "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
      "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
      "Bonnet", "François", "Martinez", "Chevalier", "Gauthier", "Perrin", "Rousseau", "Blanc"
    },
    { // BE
      "Peeters",
      "Janssens",
      "Maes",
      "Jacobs",
      "Mertens",
      "Willems",
      "Claes",
      "Goossens",
      "Wouters",
      "Dubois",
      "Lambert",
      "Dupont",
      "Lejeune",
      "Renard"
    },
    { // DE
      "Müller",
      "Schmidt",
      "Schneider",
      "Fischer",
      "Weber",
      "Meyer",
      "Wagner",
      "Becker",
      "Schulz",
      "Hoffmann",
      "Koch",
      "Richter"
    },
    { // ES
      "García",
      "Fernández",
      "González",
      "Rodríguez",
      "López",
      "Martínez",
      "Sánchez",
      "Pérez",
      "Gómez",
      "Martín",
      "Ruiz",
      "Navarro"
    },
    { // IT
      "Rossi",
      "Russo",
      "Ferrari",
      "Esposito",
      "Bianchi",
      "Romano",
      "Colombo",
      "Ricci",
      "Marino",
      "Greco",
      "Bruno",
      "Gallo"
    },
    { // NL
      "de Jong",
      "Jansen",
      "de Vries",
      "van den Berg",
      "van Dijk",
      "Bakker",
      "Janssen",
      "Visser",
      "Smit",
      "Meijer"
    },
    { // GB
      "Smith",
      "Jones",
      "Taylor",
      "Brown",
      "Williams",
      "Wilson",
      "Johnson",
      "Davies",
      "Robinson",
      "Wright",
      "Walker",
      "Evans"
    }
  };

  private static final String[][] LEGAL_FORMS = {
    {"SAS", "SARL", "SA", "EURL", "SASU"},
    {"SRL", "SA", "BV"},
    {"GmbH", "AG", "KG"},
    {"S.L.", "S.A."},
    {"S.r.l.", "S.p.A."},
    {"B.V.", "N.V."},
    {"Ltd", "PLC", "LLP"}
  };

  private static final String[][] FRENCH_WORDS = {
    {"Bâtiment", "Construction", "Maçonnerie", "Travaux Publics", "Charpente", "Rénovation"},
    {"Hôtel", "Restaurant", "Brasserie", "Traiteur", "Auberge"},
    {"Boutique", "Commerce", "Magasins", "Bazar"},
    {"Transports", "Logistique", "Messagerie", "Fret"},
    {"Négoce", "Distribution", "Import-Export", "Fournitures"},
    {"Industries", "Fabrication", "Mécanique", "Plasturgie", "Métallerie"},
    {"Agricole", "Coopérative", "Vergers", "Domaine", "Élevage"},
    {"Informatique", "Numérique", "Logiciels", "Systèmes"},
    {"Conseil", "Services", "Expertise", "Gestion"},
    {"Santé", "Médical", "Pharmacie", "Clinique"}
  };

  private static final String[][] ENGLISH_WORDS = {
    {"Construction", "Builders", "Contractors"},
    {"Hotels", "Catering", "Hospitality"},
    {"Retail", "Stores", "Trading Post"},
    {"Logistics", "Transport", "Freight"},
    {"Trading", "Wholesale", "Supply"},
    {"Industries", "Manufacturing", "Engineering"},
    {"Farms", "Agri", "Growers"},
    {"Software", "Digital", "IT Services"},
    {"Consulting", "Services", "Partners"},
    {"Healthcare", "Medical", "Care"}
  };

  private static final String[] SONS = {
    " & Fils ", " & Fils ", " & Söhne ", " e Hijos ", " & Figli ", " & Zonen ", " & Sons "
  };

  static String draw(SplittableRandom rng, Country country, Sector sector) {
    String[] surnames = SURNAMES[country.ordinal()];
    String surname = surnames[rng.nextInt(surnames.length)];
    String[] forms = LEGAL_FORMS[country.ordinal()];
    String form = forms[rng.nextInt(forms.length)];
    String[] words = (country.francophone() ? FRENCH_WORDS : ENGLISH_WORDS)[sector.ordinal()];
    String word = words[rng.nextInt(words.length)];
    int pattern = rng.nextInt(20);
    if (pattern < 8) {
      return surname + " " + word + " " + form;
    }
    if (pattern < 14) {
      return word + " " + surname + " " + form;
    }
    if (pattern < 16) {
      return surname + SONS[country.ordinal()] + form;
    }
    if (pattern < 19) {
      String second = surnames[rng.nextInt(surnames.length)];
      return surname + ", " + second + (country.francophone() ? " et Associés" : " & Partners");
    }
    if (sector == Sector.HOSPITALITY) {
      return (country.francophone() ? "Café \"Le " : "The \"") + surname + "\" " + form;
    }
    return word + " \"" + surname + "\" " + form;
  }
}
